using Coo.Shared.Infrastructure.Configuration;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Coo.Shared.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>Which database every module uses, read once at start from <c>Database:*</c> and <c>ConnectionStrings:Coo</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string DefaultSqliteConnectionString = "Data Source=data/coo.db";

    /// <summary>Background jobs live in the server database; the embedded mode keeps them in memory, where they can be lost.</summary>
    public bool HasDurableJobStorage => Provider != DatabaseProvider.Sqlite;

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText)
            && (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider) || char.IsDigit(providerText[0])))
        {
            throw new InvalidConfigurationException(
                $"Database:Provider '{providerText}' is not one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connectionString = configuration.GetConnectionString("Coo");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString
                : throw new InvalidConfigurationException($"ConnectionStrings:Coo is required when Database:Provider is {provider}.");
        }

        ValidateConnectionString(provider, connectionString);
        var migrateText = configuration["Database:MigrateOnStartup"];
        var migrate = true;
        if (!string.IsNullOrWhiteSpace(migrateText) && !bool.TryParse(migrateText, out migrate))
        {
            throw new InvalidConfigurationException($"Database:MigrateOnStartup '{migrateText}' is not true or false.");
        }

        var settings = new DatabaseSettings(provider, connectionString, migrate);
        settings.SqliteDataFolder();
        return settings;
    }

    /// <summary>The folder of the SQLite file, created if missing; other files the embedded host keeps live beside it.</summary>
    public string? SqliteDataFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void ValidateConnectionString(DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString).DataSource is { Length: > 0 }
                    ? (object)true
                    : throw new ArgumentException("it has no Data Source"),
                DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(connectionString),
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString),
                _ => throw new ArgumentOutOfRangeException(nameof(provider)),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidConfigurationException($"ConnectionStrings:Coo is not a valid {provider} connection string: {ex.Message}");
        }
    }
}
