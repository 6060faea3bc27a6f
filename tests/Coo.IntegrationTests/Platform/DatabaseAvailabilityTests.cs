using Coo.Shared.Infrastructure.Persistence;
using Npgsql;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// What a real PostgreSQL connection reports when the server ends it under an open transaction, as a restart or
/// failover does: each of these is the database being unavailable (503), not a fault in the code (500).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class DatabaseAvailabilityTests
{
    [Fact]
    public async Task A_connection_ended_by_the_server_under_a_transaction_counts_as_the_database_being_unavailable()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.RequiredPostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, "SELECT 1");

        await using (var admin = new NpgsqlConnection(TestEnvironment.RequiredPostgreSqlConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({connection.ProcessID})", admin);
            await terminate.ExecuteScalarAsync();
        }

        var first = await Record.ExceptionAsync(() => ExecuteAsync(connection, transaction, "SELECT 1"));
        var next = await Record.ExceptionAsync(() => ExecuteAsync(connection, transaction, "SELECT 1"));
        var commit = await Record.ExceptionAsync(() => transaction.CommitAsync());
        var outsideTransaction = await Record.ExceptionAsync(() => ExecuteAsync(connection, null, "SELECT 1"));

        Assert.All(new[] { first, next, commit, outsideTransaction }, e => Assert.True(e.IsDatabaseUnavailable(), $"unavailable: {e?.GetType()} {e?.Source} {e?.Message}"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteScalarAsync();
    }
}
