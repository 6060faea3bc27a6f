using Coo.Shared.Infrastructure.Persistence;
using Npgsql;

namespace Coo.UnitTests;

public sealed class PostgreSqlStatementPreparationTests
{
    [Fact]
    public void A_connection_string_that_does_not_choose_gets_statements_prepared_and_keeps_the_rest()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlStatementPreparation.Apply("Host=db;Database=coo;Username=coo;Password=secret"));

        Assert.Equal(PostgreSqlStatementPreparation.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(("db", "coo", "coo", "secret"), (applied.Host, applied.Database, applied.Username, applied.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;max auto prepare=200", 200)]
    public void The_operators_own_choice_stands(string connectionString, int expected)
    {
        Assert.Equal(connectionString, PostgreSqlStatementPreparation.Apply(connectionString));
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare);
    }
}
