using System.Globalization;
using Coo.Modules.Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Analytics.Data;

/// <summary><see cref="Amount"/> occurrences of <see cref="Metric"/> at <see cref="At"/>, by <see cref="UserId"/> when known.</summary>
internal readonly record struct Occurrence(string Metric, DateTimeOffset At, long? UserId, long Amount = 1);

/// <summary>
/// Adds to the hourly and daily aggregates. Other modules' dispatchers deliver events concurrently, so a count is
/// raised by one atomic upsert in the database rather than read, changed and written back. Many occurrences (an inbox
/// batch) cost one round trip: summed per bucket and metric first, each active user once per bucket.
/// The statements join the caller's transaction (the inbox's, or the client-event request's).
/// </summary>
internal sealed class AnalyticsCounters(AnalyticsDbContext db)
{
    /// <summary>Occurrences per statement: well within SQL Server's 2,100 parameters (4 per count, 3 per active user).</summary>
    private const int Chunk = 100;

    /// <summary>Counts each occurrence in every granularity's bucket, and its user as active then.</summary>
    public async Task RecordAsync(IReadOnlyCollection<Occurrence> occurrences, CancellationToken cancellationToken)
    {
        foreach (var chunk in occurrences.Chunk(Chunk))
        {
            var buckets = chunk.SelectMany(o => Buckets.All.Select(g => (Granularity: g.ToString(), Start: Buckets.StartOf(o.At, g), o.Metric, o.UserId, o.Amount))).ToList();
            var counts = buckets.GroupBy(b => (b.Granularity, b.Start, b.Metric)).Select(g => new object[] { g.Key.Granularity, g.Key.Start, g.Key.Metric, g.Sum(b => b.Amount) });
            var active = buckets.Where(b => b.UserId is not null).Select(b => (b.Granularity, b.Start, UserId: b.UserId!.Value)).Distinct().Select(a => new object[] { a.Granularity, a.Start, a.UserId });
            var parameters = new List<object>();
            var sql = AddSql(Values(counts, parameters));
            if (Values(active, parameters) is { Length: > 0 } activeRows)
            {
                sql += ";\n" + MarkActiveSql(activeRows);
            }

#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <summary>The rows as a VALUES list of placeholders, their values appended to <paramref name="parameters"/>.</summary>
    private static string Values(IEnumerable<object[]> rows, List<object> parameters) =>
        string.Join(", ", rows.Select(row => "(" + string.Join(", ", row.Select(value =>
        {
            parameters.Add(value);
            return string.Create(CultureInfo.InvariantCulture, $"{{{parameters.Count - 1}}}");
        })) + ")"));

    private string AddSql(string rows)
    {
        var counts = db.DelimitedTableName<MetricCount>();
        return db.Database.IsSqlServer()
            ? $"""
                MERGE {counts} WITH (HOLDLOCK) AS c
                USING (VALUES {rows}) AS s(granularity, bucket_start, metric, amount)
                ON c.granularity = s.granularity AND c.bucket_start = s.bucket_start AND c.metric = s.metric
                WHEN MATCHED THEN UPDATE SET value = c.value + s.amount
                WHEN NOT MATCHED THEN INSERT (granularity, bucket_start, metric, value) VALUES (s.granularity, s.bucket_start, s.metric, s.amount);
                """
            : $"""
                INSERT INTO {counts} AS c (granularity, bucket_start, metric, value) VALUES {rows}
                ON CONFLICT (granularity, bucket_start, metric) DO UPDATE SET value = c.value + excluded.value
                """;
    }

    private string MarkActiveSql(string rows)
    {
        var active = db.DelimitedTableName<ActiveUser>();
        return db.Database.IsSqlServer()
            ? $"""
                INSERT INTO {active} (granularity, bucket_start, user_id)
                SELECT v.granularity, v.bucket_start, v.user_id FROM (VALUES {rows}) AS v(granularity, bucket_start, user_id)
                WHERE NOT EXISTS (SELECT 1 FROM {active} AS a WITH (UPDLOCK, HOLDLOCK)
                                  WHERE a.granularity = v.granularity AND a.bucket_start = v.bucket_start AND a.user_id = v.user_id)
                """
            : $"""
                INSERT INTO {active} (granularity, bucket_start, user_id) VALUES {rows}
                ON CONFLICT DO NOTHING
                """;
    }
}
