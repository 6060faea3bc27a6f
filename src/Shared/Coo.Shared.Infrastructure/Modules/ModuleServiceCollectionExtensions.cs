using System.Reflection;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Coo.Shared.Infrastructure.Modules;

public static class ModuleServiceCollectionExtensions
{
    /// <summary>The databases the modules registered so far (<see cref="AddModuleDbContext{TContext, TSqlite, TPostgreSql, TSqlServer}"/>), while services are still being composed.</summary>
    public static IEnumerable<ModuleDatabase> ModuleDatabases(this IServiceCollection services) =>
        services.Where(d => !d.IsKeyedService).Select(d => d.ImplementationInstance).OfType<ModuleDatabase>();

    /// <summary>
    /// Registers a module's DbContext on the configured provider, with its outbox dispatcher and health check.
    /// Each provider has its own derived context type so that each keeps its own migrations.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgreSql, TSqlServer>(
        this IServiceCollection services, DatabaseSettings database, string schema)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
        where TSqlServer : TContext
    {
        ArgumentNullException.ThrowIfNull(database);
        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => Register<TSqlite>(),
            DatabaseProvider.PostgreSql => Register<TPostgreSql>(),
            DatabaseProvider.SqlServer => Register<TSqlServer>(),
            _ => throw new ArgumentOutOfRangeException(nameof(database)),
        };
        services.AddSingleton(new ModuleDatabase(typeof(TContext), schema));
        services.AddHostedService<OutboxRelay<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"database-{schema}", tags: ["ready"]);
        return services;

        IServiceCollection Register<TProviderContext>()
            where TProviderContext : TContext
        {
            // Pooled: the options are built once and context instances are reused. A request's handlers get the scoped
            // context; code that needs a context only on a cache miss takes IDbContextFactory<TContext> and rents one then.
            services.AddPooledDbContextFactory<TProviderContext>((provider, options) =>
                ModuleDbContextOptions.Configure(options, database, schema, provider.GetRequiredService<OutboxWakeupInterceptor>()));
            services.AddSingleton<IDbContextFactory<TContext>>(provider =>
                new ModuleDbContextFactory<TContext, TProviderContext>(provider.GetRequiredService<IDbContextFactory<TProviderContext>>()));
            return services.AddScoped<TContext>(provider => provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        }
    }

    /// <summary>
    /// Subscribes a handler of this module to an event by its name: every such event is relayed into this module's
    /// inbox as the handler's own queue, and handled once. With <paramref name="wants"/>, only the events it is true of
    /// are relayed there: the handler's own test of whether an event gives it anything to do (a subscription filter).
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler, TContext>(this IServiceCollection services, Func<TEvent, bool>? wants = null)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext =>
        services.AddConsumer<TEvent, THandler, TContext>(retriesUntilDone: false, feedsReports: false, wants);

    /// <summary>
    /// Subscribes a handler whose work only feeds reports (counts for administrators): no one waits on it, so its queue
    /// claims at most every <see cref="OutboxOptions.ReportingClaimInterval"/> while busy, taking more at once.
    /// </summary>
    public static IServiceCollection AddReportingHandler<TEvent, THandler, TContext>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext =>
        services.AddConsumer<TEvent, THandler, TContext>(retriesUntilDone: false, feedsReports: true, wants: null);

    /// <summary>
    /// Subscribes a handler that keeps a cache in step with the module's data (usually of the module's own event): it is
    /// never parked but retried every few seconds until the cache confirms, so a missed cache write is repaired soon
    /// after Redis answers again, by whichever instance, even if the one that missed it crashed.
    /// </summary>
    public static IServiceCollection AddCacheMaintenanceHandler<TEvent, THandler, TContext>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext =>
        services.AddConsumer<TEvent, THandler, TContext>(retriesUntilDone: true, feedsReports: false, wants: null);

    private static IServiceCollection AddConsumer<TEvent, THandler, TContext>(this IServiceCollection services, bool retriesUntilDone, bool feedsReports, Func<TEvent, bool>? wants)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext
    {
        services.AddScoped<THandler>();
        services.AddSingleton<IIntegrationEventConsumer>(new IntegrationEventConsumer<TEvent, THandler, TContext>(retriesUntilDone, feedsReports, wants));
        services.AddSingleton(IntegrationEventRegistration.For(typeof(TEvent)));
        return services;
    }

    /// <summary>Makes the events a module publishes known by name (its contracts assembly's <see cref="IntegrationEventAttribute"/> types).</summary>
    public static IServiceCollection AddPublishedIntegrationEvents(this IServiceCollection services, Assembly contractsAssembly)
    {
        ArgumentNullException.ThrowIfNull(contractsAssembly);
        foreach (var type in contractsAssembly.GetTypes().Where(t => t is { IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t)))
        {
            services.AddSingleton(IntegrationEventRegistration.For(type));
        }

        return services;
    }

    /// <summary>
    /// Lets problem details word this module's errors in the request's language: <typeparamref name="TResource"/>'s
    /// resources hold one message per error code (e.g. <c>users.username-taken</c>).
    /// </summary>
    public static IServiceCollection AddErrorTranslations<TResource>(this IServiceCollection services) =>
        services.AddSingleton(provider => new ErrorTranslations(provider.GetRequiredService<IStringLocalizer<TResource>>()));

    /// <summary>Registers the module's FluentValidation validators, which are internal like the rest of the module.</summary>
    public static IServiceCollection AddModuleValidators(this IServiceCollection services, Assembly moduleAssembly) =>
        services.AddValidatorsFromAssembly(moduleAssembly, ServiceLifetime.Singleton, includeInternalTypes: true);
}

/// <summary>Hands out the provider's pooled contexts as the module's own context type.</summary>
internal sealed class ModuleDbContextFactory<TContext, TProviderContext>(IDbContextFactory<TProviderContext> pool) : IDbContextFactory<TContext>
    where TContext : ModuleDbContext
    where TProviderContext : TContext
{
    public TContext CreateDbContext() => pool.CreateDbContext();

    public async Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await pool.CreateDbContextAsync(cancellationToken);
}

/// <summary>A module's DbContext type and schema, for code that works across modules (migrations, clean-up, tests).</summary>
public sealed record ModuleDatabase(Type ContextType, string Schema);

public static class ModuleDbContextOptions
{
    /// <summary>The provider, migrations history table, naming convention and interceptors every module context uses.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings database, string schema, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        var history = ModuleDbContext.MigrationsHistoryTable(schema, database.Provider);
        var connectionString = database.ConnectionStringFor(schema);
        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => options
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(history))
                .AddInterceptors(new SqliteDurabilityInterceptor(), new SqliteWriteGateInterceptor(SqliteWriteGate.For(new SqliteConnectionStringBuilder(connectionString).DataSource))),
            DatabaseProvider.PostgreSql => options.UseNpgsql(PostgreSqlConnectionDefaults.Apply(connectionString), npgsql => npgsql.MigrationsHistoryTable(history, schema)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, sqlServer => sqlServer.MigrationsHistoryTable(history, schema)),
            _ => throw new ArgumentOutOfRangeException(nameof(database)),
        };
        return options.UseSnakeCaseNamingConvention().AddInterceptors(interceptors);
    }
}
