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
