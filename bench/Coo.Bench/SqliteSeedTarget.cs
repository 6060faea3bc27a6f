using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coo.Bench;

/// <summary>
/// SQLite: one transaction with one prepared INSERT per table, tables named with the module prefix as the app maps
/// them. Like a restore, each table's secondary indexes are dropped before its rows go in and created again from their
/// own definitions afterwards (building an index by sorting beats millions of random index inserts).
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
        var name = $"{table.Schema}_{table.Name}";
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = Command("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL"))
        {
            list.Parameters.AddWithValue("$table", name);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (index, _) in indexes)
        {
            await ExecuteAsync($"DROP INDEX \"{index}\"");
        }

        Insert(name, table, rows);
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(definition);
        }
    }

    private void Insert(string name, SeedTable table, IEnumerable<object?[]> rows)
    {
        using var insert = Command($"INSERT INTO \"{name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) "
            + $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})");
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
        count.CommandText = $"SELECT count(*) FROM \"{schema}_outbox_messages\" WHERE relayed_at IS NULL";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
