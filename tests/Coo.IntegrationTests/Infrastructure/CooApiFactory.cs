using System.Data.Common;
using Coo.Host.Composition;
using Coo.Host.RateLimiting;
using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Respawn.Graph;
using StackExchange.Redis;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>The whole host on a real database of the given provider, reset with Respawn between tests.</summary>
public sealed class CooApiFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "integration-tests-signing-key-of-sufficient-length";
    public const int MaxAttempts = 4;
    public const int MaxTimelineEntries = 50;
    public const int FollowMergeCount = 10;
    public const int FanOutBatchSize = 2;
    public const int LargeAuthorFollowers = 4;

    public const string UnreachableRateLimit = "1000000";

    private readonly string? _sqliteFolder;
    private readonly Dictionary<string, Respawner> _respawners = [];

    private readonly string? _ownDatabase;

    private readonly HostLogFile _log = new();

    private ConnectionMultiplexer? _resetRedis;

    /// <summary>The warnings and errors this host logged, each as its rendered message.</summary>
    public IReadOnlyList<string> LoggedWarnings => _log.Messages;

    /// <summary>What this host's test consumer (<see cref="ProbeHandler"/>) saw.</summary>
    public ProbeState Probe { get; } = new();

    /// <summary>Keys of this host's caches in the Redis that test runs share.</summary>
    public string RedisKeyPrefix { get; } = $"coo-test:{Guid.NewGuid():N}:";

    /// <param name="provider">The database engine.</param>
    /// <param name="ownDatabase">On PostgreSQL, a database of its own, dropped at the end, for a test that runs beside the shared factories.</param>
    public CooApiFactory(TestProvider provider, bool ownDatabase = false)
    {
        Provider = provider;
        if (provider == TestProvider.Sqlite)
        {
            _sqliteFolder = Path.Combine(Path.GetTempPath(), $"coo-tests-{Guid.NewGuid():N}");
            ConnectionString = $"Data Source={Path.Combine(_sqliteFolder, "coo.db")}";
        }
        else
        {
            var shared = TestEnvironment.RequiredPostgreSqlConnectionString;
            _ownDatabase = ownDatabase ? $"coo_own_{Guid.NewGuid():N}"[..24] : null;
            ConnectionString = _ownDatabase is null ? shared : new NpgsqlConnectionStringBuilder(shared) { Database = _ownDatabase }.ConnectionString;
        }
    }

    /// <summary>Server mode on a PostgreSQL of the test's own (e.g. a <see cref="PostgreSqlServerProcess"/> it stops and starts).</summary>
    public CooApiFactory(string postgreSqlConnectionString)
    {
        Provider = TestProvider.PostgreSql;
        ConnectionString = postgreSqlConnectionString;
    }

    public TestProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Server mode (PostgreSQL) runs with Redis whenever the tests have one; the embedded mode never does.</summary>
    public bool UsesRedis => Provider == TestProvider.PostgreSql && TestEnvironment.RedisConnectionString is not null;

    /// <summary>Extra services for a factory made for one test (e.g. a consumer of its own).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>
    /// Whether the host puts the recurring maintenance jobs on the job engine's schedule. Off by default: that schedule
    /// runs on the wall clock, so a job that fell due in the middle of a test would run inside it, and the next test's
    /// reset would wait for it. Tests run those jobs themselves.
    /// </summary>
    public bool SchedulesRecurringJobs { get; init; }

    /// <summary>Extra settings for a factory made for one test (e.g. invalid configuration).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>
    /// A host whose queues, once a test puts messages back in them, only that test works (<see cref="WorkQueueOnceAsync"/>):
    /// no poll, and a consumer transaction budget no batch exhausts.
    /// </summary>
    public static CooApiFactory WithQueuesWorkedByTheTest(TestProvider provider) => new(provider, ownDatabase: true)
    {
        Settings = { ["Outbox:PollingInterval"] = "00:10:00", ["Outbox:ConsumerTransactionBudget"] = "00:01:00" },
    };

    /// <summary>One claim from a consumer's queue, worked by a processor of the test's own, as another instance would.</summary>
    /// <returns>How many messages were claimed.</returns>
    public Task<int> WorkQueueOnceAsync(string consumerName, TimeProvider? time = null) =>
        ActivatorUtilities.CreateInstance<InboxProcessor>(Services, time ?? Services.GetRequiredService<TimeProvider>())
            .ProcessBatchAsync(Services.GetServices<IIntegrationEventConsumer>().Single(c => c.Name == consumerName), CancellationToken.None);

    public async Task ResetAsync()
    {
        StartServer();
        // The previous test's background work finishes first: it could otherwise write into the next test's data, or
        // take row locks in an order that deadlocks with the reset.
        Probe.Reset();
        await OutboxDrain.SettleAsync(this);
        var schemas = Services.GetServices<ModuleDatabase>().Select(m => m.Schema).ToList();
        foreach (var connectionString in schemas.Select(ConnectionStringFor).Distinct())
        {
            await using var connection = OpenConnection(connectionString);
            await connection.OpenAsync();
            if (!_respawners.TryGetValue(connectionString, out var respawner))
            {
                respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
                {
                    DbAdapter = Provider == TestProvider.Sqlite ? DbAdapter.Sqlite : DbAdapter.Postgres,
                    SchemasToInclude = Provider == TestProvider.Sqlite ? [] : [.. schemas],
                    TablesToIgnore = [.. IgnoredTables()],
                });
                _respawners[connectionString] = respawner;
            }

            await respawner.ResetAsync(connection);
        }

        if (Services.GetService<IConnectionMultiplexer>() is { } hostRedis)
        {
            // This host's keys only: a reset database has no cached copies either.
            var redis = _resetRedis ??= await ConnectForResetsAsync(hostRedis.Configuration);
            foreach (var server in redis.GetServers())
            {
                var keys = new List<RedisKey>();
                await foreach (var key in server.KeysAsync(pattern: RedisKeyPrefix + "*", pageSize: 1000))
                {
                    keys.Add(key);
                }

                if (keys.Count > 0)
                {
                    await redis.GetDatabase().KeyDeleteAsync([.. keys]);
                }
            }
        }

        Probe.Reset();
    }

    /// <summary>
    /// The resets' own connection to the host's Redis. Its timeouts allow for a busy machine: the host's short ones are
    /// what Coo runs with, and a reset that ran out of them failed a test that did nothing wrong (a reset's SCAN timed
    /// out after 1 s while the test process's thread pool was 67 work items behind).
    /// </summary>
    private static async Task<ConnectionMultiplexer> ConnectForResetsAsync(string hostConfiguration)
    {
        var options = ConfigurationOptions.Parse(hostConfiguration);
        options.SyncTimeout = options.AsyncTimeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>The connection string of a module's database: its own when the test gave it one (<c>ConnectionStrings:&lt;schema&gt;</c>), the shared one otherwise.</summary>
    public string ConnectionStringFor(string schema) =>
        Settings.FirstOrDefault(s => string.Equals(s.Key, $"ConnectionStrings:{schema}", StringComparison.OrdinalIgnoreCase)).Value ?? ConnectionString;

    public DbConnection OpenConnection() => OpenConnection(ConnectionString);

    /// <summary>A connection to the database of the module with this schema.</summary>
    public DbConnection OpenConnectionFor(string schema) => OpenConnection(ConnectionStringFor(schema));

    private DbConnection OpenConnection(string connectionString) => Provider == TestProvider.Sqlite
        ? new SqliteConnection(connectionString)
        : new NpgsqlConnection(connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Outside Development the host finds the web client's assets only where publishing puts them; the build's
        // manifest maps wwwroot and its build-time compressed copies to their places in the source tree.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Coo", ConnectionString);
        if (UsesRedis)
        {
            builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.RedisConnectionString);
        }

        builder.UseSetting("Auth:SigningKey", SigningKey);

        // The test server answers on http://localhost, as a development host does.
        builder.UseSetting("OAuth:RequireHttps", "false");
        builder.UseSetting("Ids:GeneratorId", "1");
        builder.UseSetting("App:ContactEmail", "admin@coo.example");
        if (Provider == TestProvider.PostgreSql)
        {
            builder.UseSetting("Media:StoragePath", TestEnvironment.MediaStoragePath(new NpgsqlConnectionStringBuilder(ConnectionString).Database!));
        }
        builder.UseSetting("Outbox:PollingInterval", "00:00:00.200");
        builder.UseSetting("Outbox:RetryBaseDelay", "00:00:00.020");
        builder.UseSetting("Outbox:RetryMaxDelay", "00:00:00.100");

        // Reporting queues claim as often as the others here: a second between their claims would be waited out by
        // every test that lets the outboxes settle (ClaimSpacingTests cover the spacing itself).
        builder.UseSetting("Outbox:ReportingClaimInterval", "00:00:00.050");
        builder.UseSetting("Outbox:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Small timelines, so that tests reach trimming and partial merges with a few dozen coos.
        builder.UseSetting("Timeline:MaxEntries", MaxTimelineEntries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Timeline:FollowMergeCount", FollowMergeCount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Tiny fan-out batches, so that every author with three or more followers is fanned out in several batches:
        // background jobs on PostgreSQL, inline on SQLite.
        builder.UseSetting("Timeline:FanOutBatchSize", FanOutBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Authors with five or more followers are merged at read time (hybrid fan-out), from their fifth follower on.
        builder.UseSetting("Timeline:LargeAuthorFollowers", LargeAuthorFollowers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Timeline:LargeAuthorSwitchDelay", "00:00:00");

        // Tests send hundreds of requests from one client: limits stay on (every response carries the headers), but
        // out of reach. Rate-limit tests lower them through Settings. A Redis shared by test runs is keyed per host.
        foreach (var section in RateLimitSettings.LimitSections)
        {
            builder.UseSetting($"RateLimits:{section}:PermitLimit", UnreachableRateLimit);
        }

        // No idle heartbeat within a test: streams must show they are open, and that they closed, without one.
        builder.UseSetting("Streaming:HeartbeatInterval", "00:05:00");
        builder.UseSetting("RateLimits:RedisKeyPrefix", $"coo-test:{Guid.NewGuid():N}:");
        builder.UseSetting("Redis:KeyPrefix", RedisKeyPrefix);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddIntegrationEventHandler<UserRegisteredIntegrationEvent, ProbeHandler, UsersDbContext>();
            services.AddSingleton<IStartupFilter, FaultyEndpointStartupFilter>();
            services.AddSingleton<Serilog.Core.ILogEventSink>(_log);
            services.AddSingleton(Probe);
            if (!SchedulesRecurringJobs)
            {
                services.Remove(services.Single(d => d.ImplementationType == typeof(JobsSetup.RecurringJobsRegistration)));
            }

            TestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_resetRedis is not null)
        {
            await _resetRedis.DisposeAsync();
        }

        _log.Dispose();
        if (_ownDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropPostgreSqlDatabaseAsync(_ownDatabase);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _resetRedis?.Dispose();
            _log.Dispose();
        }

        if (disposing && _sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private IEnumerable<Table> IgnoredTables()
    {
        foreach (var module in Services.GetServices<ModuleDatabase>())
        {
            yield return Provider == TestProvider.Sqlite
                ? new Table($"{module.Schema}_ef_migrations_history")
                : new Table(module.Schema, "ef_migrations_history");
        }

        yield return new Table("__EFMigrationsLock");
    }

    /// <summary>Adds <c>/__test/fault</c>, which throws, to prove that a server fault leaks nothing.</summary>
    private sealed class FaultyEndpointStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/__test/fault", branch => branch.Run(_ => throw new InvalidOperationException("secret internal detail")));
        };
    }
}

/// <summary>One host per provider for the whole run; tests in the collection run one at a time and reset the data.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<TestProvider, CooApiFactory> _factories = [];

    public async Task<CooApiFactory> StartAsync(TestProvider provider)
    {
        if (!_factories.TryGetValue(provider, out var factory))
        {
            factory = new CooApiFactory(provider);
            _factories[provider] = factory;
        }

        await factory.ResetAsync();
        return factory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories.Values)
        {
            await factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
