using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coo.Bench;

/// <summary>
/// SQLite: one transaction with one prepared INSERT per table, tables named with the module prefix as the app maps
/// them. The database stays in WAL mode (the host's setting); a single large transaction is what makes it fast.
/// </summary>
internal sealed class SqliteSeedTarget(SqliteConnection connection, SqliteTransaction transaction) : ISeedTarget
{
    // The app stores DateTimeOffset as this sortable integer on SQLite (ModuleDbContext.ConfigureConventions).
    private static readonly DateTimeOffsetToBinaryConverter TimeConverter = new();

    public static async Task<SqliteSeedTarget> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        return new SqliteSeedTarget(connection, transaction);
    }

    public async Task WriteAsync(SeedTable table, IEnumerable<object?[]> rows)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table.Schema}_{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) "
            + $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = table.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        insert.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset time => TimeConverter.ConvertToProvider(time),
                    bool flag => flag ? 1L : 0L,
                    var value => value,
                };
            }

            // Microsoft.Data.Sqlite runs statements synchronously anyway; the async call would only add a task per row.
            insert.ExecuteNonQuery();
        }
    }

    public async Task CompleteAsync()
    {
        await transaction.CommitAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    public async Task<long> PendingOutboxMessagesAsync(string schema)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM \"{schema}_outbox_messages\" WHERE processed_at IS NULL";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
