using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a theory on SQLite always, and on PostgreSQL whenever <c>COO_TEST_POSTGRES</c> is set. Under CI
/// (<c>CI=true</c>) PostgreSQL is always included, so an unreachable server fails the run instead of skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [TestProvider.Sqlite];
        if (TestEnvironment.PostgreSqlRequested)
        {
            yield return [TestProvider.PostgreSql];
        }
    }
}

public enum TestProvider
{
    Sqlite,
    PostgreSql,
}

public static class TestEnvironment
{
    public static string? PostgreSqlConnectionString => Environment.GetEnvironmentVariable("COO_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool PostgreSqlRequested => PostgreSqlConnectionString is not null || RunningInCi;

    public static string? RedisConnectionString => Environment.GetEnvironmentVariable("COO_TEST_REDIS") is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Where every test host stores images: one folder for all, as server-mode instances share one volume; the files are
    /// named by their content, so tests never overwrite each other's.
    /// </summary>
    public static string MediaStoragePath { get; } = Path.Combine(Path.GetTempPath(), "coo-tests-media");

    public static async Task DropPostgreSqlDatabaseAsync(string database)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
