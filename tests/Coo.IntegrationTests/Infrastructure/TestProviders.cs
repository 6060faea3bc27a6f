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

    /// <summary>For a test of what only a PostgreSQL server has: without one it fails, saying what to set, rather than skip.</summary>
    public static string RequiredPostgreSqlConnectionString => PostgreSqlConnectionString
        ?? throw new InvalidOperationException("This test needs PostgreSQL: set COO_TEST_POSTGRES (e.g. Host=127.0.0.1;Username=postgres;Password=...;Database=coo_test).");

    /// <summary>For a test of what only a real Redis has: without one it fails, saying what to set, rather than skip.</summary>
    public static string RequiredRedisConnectionString => RedisConnectionString
        ?? throw new InvalidOperationException("This test needs Redis: set COO_TEST_REDIS (e.g. 127.0.0.1:6379,defaultDatabase=3).");

    /// <summary>
    /// Where server-mode test hosts on the PostgreSQL database <paramref name="database"/> store images: one folder per
    /// database, shared by its hosts as server-mode instances share one volume. Never one for all databases: the sweep
    /// deletes a file that no upload in its own database names, and another database's uploads may share it.
    /// (Embedded-mode hosts keep theirs beside their SQLite file.)
    /// </summary>
    public static string MediaStoragePath(string database) => Path.Combine(Path.GetTempPath(), "coo-tests-media", database);

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
