using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coo.Bench;

/// <summary>
/// A fresh database for one benchmark dataset, with the folder the host runs in: a SQLite file in that folder in
/// embedded mode, a new PostgreSQL database named <c>coo_bench_*</c> in server mode. Both are removed afterwards,
/// unless <c>COO_BENCH_KEEP</c> is set (to look at the database after a run).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _serverConnectionString;
    private readonly string? _databaseName;

    private BenchDatabase(string folder, string connectionString, string? serverConnectionString, string? databaseName)
    {
        Folder = folder;
        ConnectionString = connectionString;
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
    }

    public string Folder { get; }

    /// <summary>The connection string the host and the seeder both use.</summary>
    public string ConnectionString { get; }

    public bool IsServer => _databaseName is not null;

    public static BenchDatabase Create(BenchOptions options, string mode, int scale)
    {
        var folder = Directory.CreateTempSubdirectory("coo-bench-").FullName;
        if (mode == "embedded")
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            return new BenchDatabase(folder, $"Data Source={Path.Combine(folder, "data", "coo.db")}", null, null);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"coo_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_x{scale}");
        return new BenchDatabase(folder, $"{options.PostgreSql};Database={name}", options.PostgreSql, name);
    }

    /// <summary>On how many home timelines (the author's included) a coo is, read straight from the Timeline module's table.</summary>
    public async Task<long> CountTimelineEntriesAsync(long cooId)
    {
        if (IsServer)
        {
            await using var server = new NpgsqlConnection(ConnectionString);
            await server.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM timeline.entries WHERE coo_id = $1", server) { Parameters = { new() { Value = cooId } } };
            return (long)(await count.ExecuteScalarAsync())!;
        }

        await using var file = new SqliteConnection(ConnectionString + ";Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        await using var query = file.CreateCommand();
        query.CommandText = "SELECT count(*) FROM timeline_entries WHERE coo_id = $coo";
        query.Parameters.AddWithValue("$coo", cooId);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// How many posted coos are still waiting for their fan-out: not yet relayed from the Coos module's outbox, or not yet
    /// handled from the Timeline module's queue of them.
    /// </summary>
    public async Task<long> PendingFanOutsAsync()
    {
        const string posted = "'coos.coo-posted.v1'";
        var (outbox, inbox) = IsServer ? ("coos.outbox_messages", "timeline.inbox_messages") : ("coos_outbox_messages", "timeline_inbox_messages");
        var sql = $"""
            SELECT (SELECT count(*) FROM {outbox} WHERE event_name = {posted} AND relayed_at IS NULL AND parked_at IS NULL)
                 + (SELECT count(*) FROM {inbox} WHERE event_name = {posted} AND processed_at IS NULL AND parked_at IS NULL
                    AND consumer = 'Coo.Modules.Timeline.IntegrationEventHandlers.CooPostedHandler')
            """;
        if (IsServer)
        {
            await using var server = new NpgsqlConnection(ConnectionString);
            await server.OpenAsync();
            await using var command = new NpgsqlCommand(sql, server);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await using var file = new SqliteConnection(ConnectionString + ";Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        await using var query = file.CreateCommand();
        query.CommandText = sql;
        return (long)(await query.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("COO_BENCH_KEEP") is not null)
        {
            Console.WriteLine($"  kept for a look: {Folder}{(_databaseName is null ? "" : $" and the database {_databaseName}")}");
            return;
        }

        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_serverConnectionString + ";Database=postgres");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
