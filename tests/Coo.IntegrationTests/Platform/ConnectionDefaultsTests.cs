using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// On PostgreSQL a module's context prepares what it runs again and again, and its connections go back to the pool
/// without a reset (<see cref="PostgreSqlConnectionDefaults"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConnectionDefaultsTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_modules_connections_are_not_reset_when_they_go_back_to_the_pool()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        await using var scope = factory.Services.CreateAsyncScope();
        var moduleConnection = scope.ServiceProvider.GetRequiredService<UsersDbContext>().Database.GetConnectionString()!;

        // A control with Npgsql's default shows that the probe sees a reset.
        var keptByModule = await SessionSettingAfterReturningToPoolAsync(moduleConnection);
        var keptByDefault = await SessionSettingAfterReturningToPoolAsync(
            new NpgsqlConnectionStringBuilder(moduleConnection) { NoResetOnClose = false }.ConnectionString);

        Assert.Equal("kept", keptByModule);
        Assert.Equal("", keptByDefault);
    }

    [Fact]
    public async Task A_statement_a_module_runs_again_and_again_is_prepared_on_its_connection()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        await db.Database.OpenConnectionAsync();

        for (var id = 1L; id <= 6; id++)
        {
            await db.Users.AnyAsync(u => u.Id == id);
        }

        // The view lists the statements this session prepared, which is the connection the context holds open.
        var prepared = await db.Database
            .SqlQueryRaw<string>("""SELECT statement AS "Value" FROM pg_prepared_statements""")
            .ToListAsync();
        Assert.Contains(prepared, statement => statement.Contains("users", StringComparison.Ordinal) && statement.Contains("EXISTS", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Sets a session setting, gives the connection back to its pool of one, takes it again and reads the setting:
    /// the same server session, as it was left or as a reset made it.
    /// </summary>
    private static async Task<string> SessionSettingAfterReturningToPoolAsync(string connectionString)
    {
        var pooledAlone = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1, ApplicationName = "connection-defaults-probe" };
        await using var source = NpgsqlDataSource.Create(pooledAlone.ConnectionString);
        await using (var connection = await source.OpenConnectionAsync())
        {
            await using var set = new NpgsqlCommand("SELECT set_config('coo.probe', 'kept', false)", connection);
            await set.ExecuteScalarAsync();
        }

        await using var again = await source.OpenConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT coalesce(current_setting('coo.probe', true), '')", again);
        return (string)(await read.ExecuteScalarAsync())!;
    }
}
