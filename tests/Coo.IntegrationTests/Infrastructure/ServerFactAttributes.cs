namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// A test of behaviour only a database server has (row locks shared by several dispatchers). It runs whenever
/// PostgreSQL is configured and always under CI; only a developer machine without PostgreSQL skips it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestEnvironment.PostgreSqlRequested)
        {
            Skip = "Set COO_TEST_POSTGRES to run tests that need PostgreSQL.";
        }
    }
}

/// <summary>A test that needs a real Redis: runs whenever <c>COO_TEST_REDIS</c> is set and always under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (TestEnvironment.RedisConnectionString is null && !TestEnvironment.RunningInCi)
        {
            Skip = "Set COO_TEST_REDIS to run tests that need Redis.";
        }
    }
}
