using Npgsql;
using NpgsqlTypes;

namespace Coo.Bench;

/// <summary>PostgreSQL: binary COPY per table, then ANALYZE so the planner knows the tables' sizes, as after a restore.</summary>
internal sealed class PostgreSqlSeedTarget(NpgsqlConnection connection) : ISeedTarget
{
    public static async Task<PostgreSqlSeedTarget> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new PostgreSqlSeedTarget(connection);
    }

    public async Task WriteAsync(SeedTable table, IEnumerable<object?[]> rows)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c}\""));
        await using var import = await connection.BeginBinaryImportAsync($"COPY \"{table.Schema}\".\"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)");
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

    public async Task CompleteAsync()
    {
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task<long> PendingOutboxMessagesAsync(string schema)
    {
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".outbox_messages WHERE processed_at IS NULL", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
