using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>Reads a module's tables directly, to check what a request wrote (never to set up state).</summary>
public static class DatabaseProbe
{
    public static async Task<long> CountAsync(CooApiFactory factory, string table, string schema = "users") =>
        (await ReadAsync(factory, schema, $"SELECT COUNT(*) FROM {TableName(factory, schema, table)}", reader => Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)))[0];

    public sealed record OutboxRow(string EventName, string? CorrelationId, int Attempts, bool Relayed, bool Parked, string? LastError);

    public sealed record InboxRow(Guid MessageId, string Consumer, string EventName, string? CorrelationId, int Attempts, bool Processed, bool Parked, string? LastError);

    public static Task<List<OutboxRow>> OutboxRowsAsync(CooApiFactory factory, string schema) => ReadAsync(
        factory,
        schema,
        $"SELECT event_name, correlation_id, attempts, relayed_at IS NOT NULL, parked_at IS NOT NULL, last_error FROM {TableName(factory, schema, "outbox_messages")} ORDER BY occurred_at",
        reader => new OutboxRow(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
            Convert.ToBoolean(reader.GetValue(3), CultureInfo.InvariantCulture),
            Convert.ToBoolean(reader.GetValue(4), CultureInfo.InvariantCulture),
            reader.IsDBNull(5) ? null : reader.GetString(5)));

    /// <summary>
    /// The rows of a module's table that <paramref name="where"/> selects, each as "column=value, ...", for a failure
    /// message: all columns, or <paramref name="columns"/> in the order of <paramref name="orderBy"/>.
    /// </summary>
    public static Task<List<string>> DescribeRowsAsync(CooApiFactory factory, string schema, string table, string where, string columns = "*", string orderBy = "1") => ReadAsync(
        factory,
        schema,
        $"SELECT {columns} FROM {TableName(factory, schema, table)} WHERE {where} ORDER BY {orderBy}",
        reader => string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={reader.GetValue(i)}")));

    /// <summary>The rows of a module's inbox: each consumer's queue, processed or not.</summary>
    public static Task<List<InboxRow>> InboxRowsAsync(CooApiFactory factory, string schema) => ReadAsync(
        factory,
        schema,
        $"SELECT message_id, consumer, event_name, correlation_id, attempts, processed_at IS NOT NULL, parked_at IS NOT NULL, last_error FROM {TableName(factory, schema, "inbox_messages")} ORDER BY occurred_at",
        reader => new InboxRow(
            Guid.Parse(reader.GetValue(0).ToString()!),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
            Convert.ToBoolean(reader.GetValue(5), CultureInfo.InvariantCulture),
            Convert.ToBoolean(reader.GetValue(6), CultureInfo.InvariantCulture),
            reader.IsDBNull(7) ? null : reader.GetString(7)));

    /// <summary>Runs <paramref name="sql"/> (a trigger that injects a fault, say) on the database of the module that owns <paramref name="schema"/>.</summary>
    public static async Task ExecuteAsync(CooApiFactory factory, string schema, string sql)
    {
        await using var connection = factory.OpenConnectionFor(schema);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A module's table as its database names it: SQLite has no schemas, so the schema is a prefix there.</summary>
    private static string TableName(CooApiFactory factory, string schema, string table) =>
        factory.Provider == TestProvider.Sqlite ? $"{schema}_{table}" : $"{schema}.{table}";

    private static async Task<List<T>> ReadAsync<T>(CooApiFactory factory, string schema, string sql, Func<DbDataReader, T> read)
    {
        await using var connection = factory.OpenConnectionFor(schema);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

public static class OutboxDrain
{
    /// <summary>
    /// Waits until no module's outbox holds a message still to relay, no consumer's queue one still to handle, and the
    /// job engine has no fan-out batch waiting, running or scheduled for a retry; parked messages and failed jobs fail the wait.
    /// The modules are read one after another, so one look can miss a message that a module already read published after
    /// a consumer read later handled its cause: the work counts as done when two looks in a row find nothing pending and
    /// the same rows and finished jobs.
    /// </summary>
    public static Task WaitAsync(CooApiFactory factory, TimeSpan? timeout = null) =>
        WaitAsync(factory, parkedAllowed: false, timeout ?? TimeSpan.FromSeconds(60), "every outbox to be delivered and every background job to be done");

    /// <summary>The same wait, where parked messages may stay (a test may have parked some on purpose).</summary>
    public static Task SettleAsync(CooApiFactory factory) =>
        WaitAsync(factory, parkedAllowed: true, TimeSpan.FromSeconds(60), "the previous test's messages and jobs to settle before the reset");

    private static async Task WaitAsync(CooApiFactory factory, bool parkedAllowed, TimeSpan timeout, string what)
    {
        var schemas = factory.Services.GetServices<Coo.Shared.Infrastructure.Modules.ModuleDatabase>().Select(m => m.Schema).ToList();
        var jobs = factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        PendingWork? previous = null;
        await Eventually.MatchAsync(
            async () =>
            {
                var rows = new List<DatabaseProbe.OutboxRow>();
                var queued = new List<DatabaseProbe.InboxRow>();
                foreach (var schema in schemas)
                {
                    rows.AddRange(await DatabaseProbe.OutboxRowsAsync(factory, schema));
                    queued.AddRange(await DatabaseProbe.InboxRowsAsync(factory, schema));
                }

                if (!parkedAllowed)
                {
                    Assert.DoesNotContain(rows, r => r.Parked);
                    Assert.DoesNotContain(queued, r => r.Parked);
                    Assert.Equal(0, jobs.FailedCount());
                }

                var unrelayed = rows.Where(r => !r.Relayed && !r.Parked).Select(r => $"outbox {r.EventName} (attempts {r.Attempts}, {r.LastError})");
                var unhandled = queued.Where(r => !r.Processed && !r.Parked).Select(r => $"{r.Consumer} {r.EventName} (attempts {r.Attempts}, {r.LastError})");
                var waiting = unrelayed.Concat(unhandled).ToList();
                var (enqueued, processing, scheduled) = (jobs.EnqueuedCount("default"), jobs.ProcessingCount(), jobs.ScheduledCount());
                return new PendingWork(
                    waiting.Count + enqueued + processing + scheduled,
                    (rows.Count, queued.Count, jobs.SucceededListCount()),
                    $"{string.Join("; ", waiting)}; jobs enqueued {enqueued}, processing {processing} {ProcessingJobs(jobs, processing)}, scheduled {scheduled}");
            },
            pending =>
            {
                var settled = pending.Count == 0 && previous is { Count: 0 } && previous.Seen == pending.Seen;
                previous = pending;
                return settled;
            },
            timeout,
            what);
    }

    /// <summary>Which jobs are running, on which server, and the states each went through, so that a wait timed out on a job names it.</summary>
    private static string ProcessingJobs(Hangfire.Storage.IMonitoringApi jobs, long processing) => processing == 0
        ? ""
        : $"[{string.Join(", ", jobs.ProcessingJobs(0, 5).Select(j =>
            $"{j.Key} {j.Value.Job?.Type.Name}.{j.Value.Job?.Method.Name}({string.Join(", ", j.Value.Job?.Args ?? [])}) on {j.Value.ServerId}: "
            + string.Join(" <- ", jobs.JobDetails(j.Key)?.History.Select(h => $"{h.StateName} {h.CreatedAt:HH:mm:ss.fff} {h.Reason} {string.Join(" ", h.Data.Select(d => $"{d.Key}={d.Value}"))}") ?? [])))}]";
}

/// <summary>
/// What is still to relay, handle or run, described so that a timed-out wait says which consumer was stuck; and what the
/// look saw (outbox and inbox rows, finished jobs), which changes whenever work was done between two looks.
/// </summary>
internal sealed record PendingWork(long Count, (int OutboxRows, int InboxRows, long SucceededJobs) Seen, string Description)
{
    public override string ToString() => $"{Count} ({Description})";
}
