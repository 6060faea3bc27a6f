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
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();

        Assert.True(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).NoResetOnClose);
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
}
