using Coo.Modules.Coos.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Durability;

[Collection(ApiCollection.Name)]
public sealed class SqliteDurabilityTests(ApiFixture fixture)
{
    /// <summary>WAL's default (NORMAL) may lose the last acknowledged commits on power loss; FULL may not.</summary>
    [Fact]
    public async Task Every_sqlite_connection_runs_in_wal_mode_with_full_synchronous_commits()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoosDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
