using System.Globalization;
using Npgsql;

namespace Coo.Bench;

/// <summary>
/// What PostgreSQL wrote, from its own counters: rows (and the index entries they cost: every insert, and every update
/// that is not HOT, adds one to each index of its table), commits, WAL records and bytes, and WAL flushes (each a wait
/// for the disk). Divided by the coos a load wrote, they say what a post costs the database whatever the machine's speed.
/// PostgreSQL's WAL counters are cluster-wide, so nothing else should use the server meanwhile.
/// </summary>
internal sealed record PostgreSqlWrites(long Coos, long Commits, long RowWrites, long IndexEntries, long WalRecords, long WalBytes, long WalFlushes)
{
    private const string Sql = """
        SELECT (SELECT count(*) FROM coos.coos),
               (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
               (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables),
               (SELECT coalesce(sum((n_tup_ins + n_tup_upd - n_tup_hot_upd) * (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid)), 0)::bigint
                  FROM pg_stat_user_tables t),
               w.wal_records, w.wal_bytes::bigint, w.wal_sync
        FROM pg_stat_wal w
        """;

    public static async Task<PostgreSqlWrites> ReadAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PostgreSqlWrites(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    public PostgreSqlWrites Since(PostgreSqlWrites before) => new(
        Coos - before.Coos,
        Commits - before.Commits,
        RowWrites - before.RowWrites,
        IndexEntries - before.IndexEntries,
        WalRecords - before.WalRecords,
        WalBytes - before.WalBytes,
        WalFlushes - before.WalFlushes);

    /// <summary>Per coo written, e.g. "4.1 commits, 31.2 rows written (103.0 index entries), 159 WAL records (17.4 KiB), 1.43 WAL flushes".</summary>
    public string PerCoo()
    {
        double Per(long value) => (double)value / Math.Max(Coos, 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Per(Commits):F1} commits, {Per(RowWrites):F1} rows written ({Per(IndexEntries):F1} index entries), {Per(WalRecords):F0} WAL records ({Per(WalBytes) / 1024:F1} KiB), {Per(WalFlushes):F2} WAL flushes");
    }
}
