using System.Reflection;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Coo.Shared.Infrastructure.Modules;

public static class ModuleServiceCollectionExtensions
{
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
        services.AddHostedService<OutboxDispatcher<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"database-{schema}", tags: ["ready"]);
        return services;

        IServiceCollection Register<TProviderContext>()
            where TProviderContext : TContext
        {
            services.AddDbContext<TProviderContext>((provider, options) =>
                ModuleDbContextOptions.Configure(options, database, schema, provider.GetRequiredService<OutboxWakeupInterceptor>()));
            return services.AddScoped<TContext>(provider => provider.GetRequiredService<TProviderContext>());
        }
    }

    /// <summary>Subscribes a handler of this module to an event of another, deduplicated through this module's inbox.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler, TContext>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext
    {
        services.AddScoped<THandler>();
        services.AddSingleton<IIntegrationEventConsumer, InboxConsumer<TEvent, THandler, TContext>>();
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
        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => options
                .UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(history))
                .AddInterceptors(new SqliteDurabilityInterceptor()),
            DatabaseProvider.PostgreSql => options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(history, schema)),
            DatabaseProvider.SqlServer => options.UseSqlServer(database.ConnectionString, sqlServer => sqlServer.MigrationsHistoryTable(history, schema)),
            _ => throw new ArgumentOutOfRangeException(nameof(database)),
        };
        return options.UseSnakeCaseNamingConvention().AddInterceptors(interceptors);
    }
}
