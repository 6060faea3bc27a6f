using Npgsql;
using NpgsqlTypes;

namespace Coo.Bench;

/// <summary>
/// PostgreSQL, the way pg_restore loads a table: secondary indexes dropped, rows in by binary COPY, the indexes built
/// again from their own definitions (a sort is much faster than millions of random index inserts); then ANALYZE, so the
/// planner knows the tables' sizes as it would after a restore.
/// </summary>
internal sealed class PostgreSqlSeedTarget(NpgsqlConnection connection) : ISeedTarget
{
    public static async Task<PostgreSqlSeedTarget> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var memory = new NpgsqlCommand("SET maintenance_work_mem = '1GB'", connection);
        await memory.ExecuteNonQueryAsync();
        return new PostgreSqlSeedTarget(connection);
    }

    public async Task WriteAsync(SeedTable table, IEnumerable<object?[]> rows)
    {
        var name = $"\"{table.Schema}\".\"{table.Name}\"";
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = new NpgsqlCommand(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = $1::regclass AND NOT x.indisprimary",
            connection)
        { Parameters = { new() { Value = name } } })
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (index, _) in indexes)
        {
            await ExecuteAsync($"DROP INDEX \"{table.Schema}\".\"{index}\"");
        }

        await CopyAsync(name, table, rows);
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(definition);
        }
    }

    private async Task CopyAsync(string name, SeedTable table, IEnumerable<object?[]> rows)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c}\""));
        await using var import = await connection.BeginBinaryImportAsync($"COPY {name} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            // Synchronous writes: they only fill a buffer, and a task per value would cost more than the value.
            import.StartRow();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        import.WriteNull();
                        break;
                    case long number:
                        import.Write(number, NpgsqlDbType.Bigint);
                        break;
                    case int number:
                        import.Write(number, NpgsqlDbType.Integer);
                        break;
                    case bool flag:
                        import.Write(flag, NpgsqlDbType.Boolean);
                        break;
                    case string text:
                        import.Write(text, NpgsqlDbType.Text);
                        break;
                    case DateTimeOffset time:
                        import.Write(time.UtcDateTime, NpgsqlDbType.TimestampTz);
                        break;
                    default:
                        throw new NotSupportedException($"No PostgreSQL type for {value.GetType()}.");
                }
            }
        }

        await import.CompleteAsync();
    }

    public Task CompleteAsync() => ExecuteAsync("ANALYZE");

    public async Task<long> PendingOutboxMessagesAsync(string schema)
    {
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".outbox_messages WHERE relayed_at IS NULL", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
