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

/// <summary>
/// Which database each module uses, made once at start from <see cref="DatabaseOptions"/> and <c>ConnectionStrings:*</c>: the shared
/// <c>ConnectionStrings:Coo</c>, or a module's own <c>ConnectionStrings:&lt;schema&gt;</c> (e.g. <c>ConnectionStrings:Analytics</c>)
/// on the same provider. A module on its own database keeps working unchanged: it reaches other modules only through
/// contracts and its inbox, which the producers' relays fill through the module's own DbContext.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string DefaultSqliteConnectionString = "Data Source=data/coo.db";

    private const string SharedConnectionName = "Coo";

    /// <summary>Connection strings that are not a module's database.</summary>
    private static readonly HashSet<string> OtherConnectionNames = new(StringComparer.OrdinalIgnoreCase) { SharedConnectionName, "Redis" };

    /// <summary>The modules given a database of their own, by schema (case-insensitive, as configuration keys are).</summary>
    public IReadOnlyDictionary<string, string> ModuleConnectionStrings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connection string of the module with this schema: its own when configured, the shared one otherwise.</summary>
    public string ConnectionStringFor(string schema) => ModuleConnectionStrings.GetValueOrDefault(schema, ConnectionString);

    /// <summary>Refuses a module connection string that names no loaded module: a typo would otherwise leave the module on the shared database unnoticed.</summary>
    public void RequireKnownModules(IEnumerable<string> schemas)
    {
        var known = schemas.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = ModuleConnectionStrings.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidConfigurationException(string.Join(" ", unknown.Select(name =>
                $"ConnectionStrings:{name} names no module; a module's own database is ConnectionStrings:<schema>, one of {string.Join(", ", known.Order(StringComparer.Ordinal))}.")));
        }
    }

    /// <summary>Background jobs live in the server database; the embedded mode keeps them in memory, where they can be lost.</summary>
    public bool HasDurableJobStorage => Provider != DatabaseProvider.Sqlite;

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var options = ValidatedSettings.Read<DatabaseOptions>(configuration, DatabaseOptions.Section);
        var provider = options.ProviderKind;
        var connectionStrings = ValidatedSettings.Read(configuration, "ConnectionStrings", new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase));
        var connectionString = connectionStrings.GetValueOrDefault(SharedConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString
                : throw new InvalidConfigurationException($"ConnectionStrings:Coo is required when Database:Provider is {provider}.");
        }

        ValidateConnectionString(provider, connectionString, SharedConnectionName);
        var modules = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in connectionStrings)
        {
            if (!OtherConnectionNames.Contains(name) && !string.IsNullOrWhiteSpace(value))
            {
                ValidateConnectionString(provider, value, name);
                modules[name] = value;
            }
        }

        var settings = new DatabaseSettings(provider, connectionString, options.MigrateOnStartup) { ModuleConnectionStrings = modules };
        settings.SqliteDataFolder();
        if (provider == DatabaseProvider.Sqlite)
        {
            foreach (var moduleConnectionString in modules.Values)
            {
                CreateSqliteFolder(moduleConnectionString);
            }
        }

        return settings;
    }

    /// <summary>The folder of the SQLite file, created if missing; other files the embedded host keeps live beside it.</summary>
    public string? SqliteDataFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        return CreateSqliteFolder(ConnectionString);
    }

    private static string CreateSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void ValidateConnectionString(DatabaseProvider provider, string connectionString, string name)
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
            throw new InvalidConfigurationException($"ConnectionStrings:{name} is not a valid {provider} connection string: {ex.Message}");
        }
    }
}
