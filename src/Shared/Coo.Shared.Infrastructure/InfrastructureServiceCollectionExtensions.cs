using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coo.Shared.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>The building blocks every module relies on: clock, outbox and inbox, migrations, problem details, live user events.</summary>
    public static IServiceCollection AddCooInfrastructure(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddSingleton(database);
        services.AddSingleton<TimeProvider, MillisecondTimeProvider>();
        services.AddSingleton(Options.Create(ValidatedSettings.Read<OutboxOptions>(configuration, OutboxOptions.Section)));
        services.AddScoped<AfterCommitActions>();
        services.AddScoped<SharedTransaction>();
        services.AddSingleton<MessageWakeup>();
        services.AddSingleton<OutboxWakeupInterceptor>();
        services.AddSingleton<IntegrationEventCatalog>();
        services.AddSingleton<IntegrationEventSubscriptions>();
        services.AddHostedService<InboxProcessor>();
        services.AddSingleton<ParkedMessages>();
        services.AddHostedService<ModuleMigrator>();
        services.AddSingleton(ValidatedSettings.Read<MetricsOptions>(configuration, MetricsOptions.Section));
        services.AddSingleton<OutboxBacklog>();
        services.AddSingleton<CooMetrics>();
        services.AddHostedService<OutboxBacklogMonitor>();
        services.AddTransient<IRecurringJob, MessageCleanupJob>();
        services.AddTransient<RecurringJobRunner>();
        services.AddCooProblemDetails();
        services.AddSingleton(Options.Create(ValidatedSettings.Read<LiveOptions>(configuration, LiveOptions.Section)));
        if (RedisOptions.IsConfigured(configuration))
        {
            services.AddSingleton<IUserEventLog, RedisUserEventLog>();
        }
        else
        {
            services.AddSingleton<IUserEventLog, MemoryUserEventLog>();
        }

        return services;
    }
}
