using Coo.Shared.Infrastructure.Persistence;
using Npgsql;

namespace Coo.UnitTests.Persistence;

public sealed class PostgreSqlConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_that_does_not_choose_gets_statements_prepared_and_no_reset_and_keeps_the_rest()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionDefaults.Apply("Host=db;Database=coo;Username=coo;Password=secret"));

        Assert.Equal(PostgreSqlConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal(("db", "coo", "coo", "secret"), (applied.Host, applied.Database, applied.Username, applied.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;max auto prepare=200", 200)]
    public void The_operators_own_preparation_stands(string connectionString, int expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionDefaults.Apply(connectionString));

        Assert.Equal(expected, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;NoResetOnClose=false")]
    public void The_operators_own_reset_stands(string connectionString)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionDefaults.Apply(connectionString));

        Assert.False(applied.NoResetOnClose);
        Assert.Equal(PostgreSqlConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
    }

    [Fact]
    public void A_connection_string_that_chooses_both_is_left_as_it_is()
    {
        const string connectionString = "Host=db;Max Auto Prepare=0;No Reset On Close=false";

        Assert.Equal(connectionString, PostgreSqlConnectionDefaults.Apply(connectionString));
    }
}
