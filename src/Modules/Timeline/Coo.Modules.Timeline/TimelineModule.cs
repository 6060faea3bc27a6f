using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.IntegrationEventHandlers;
using Coo.Modules.Timeline.Jobs;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline;

/// <summary>Home timelines, built from other modules' events: coos, follows and reposts (fan-out on write).</summary>
public sealed class TimelineModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<TimelineDbContext, SqliteTimelineDbContext, PostgreSqlTimelineDbContext, SqlServerTimelineDbContext>(
            database, TimelineDbContext.SchemaName);
        services.AddModuleValidators(typeof(TimelineModule).Assembly);
        services.AddSingleton(Options.Create(ValidatedSettings.Read<TimelineOptions>(configuration, TimelineOptions.Section)));
        services.AddScoped<TimelineStore>();
        services.AddScoped<LargeAuthors>();
        services.AddSingleton<LargeAuthorList>();
        services.AddScoped<TimelineCacheSync>();
        if (RedisOptions.IsConfigured(configuration))
        {
            services.AddSingleton<RedisTimelineCache>();
            services.AddSingleton<ITimelineCache, NearTimelineCache>();
        }
        else
        {
            services.AddSingleton<ITimelineCache, MemoryTimelineCache>();
        }

        services.AddScoped<FanOutBatchJob>();
        services.AddScoped<IRecurringJob, TimelineTrimJob>();
        services.AddIntegrationEventHandler<CooPostedIntegrationEvent, CooPostedHandler, TimelineDbContext>();
        services.AddIntegrationEventHandler<CooDeletedIntegrationEvent, CooDeletedHandler, TimelineDbContext>();
        services.AddIntegrationEventHandler<UserFollowedIntegrationEvent, UserFollowedHandler, TimelineDbContext>();
        services.AddIntegrationEventHandler<UserUnfollowedIntegrationEvent, UserUnfollowedHandler, TimelineDbContext>();
        services.AddIntegrationEventHandler<CooRepostedIntegrationEvent, CooRepostedHandler, TimelineDbContext>();
        services.AddIntegrationEventHandler<CooUnrepostedIntegrationEvent, CooUnrepostedHandler, TimelineDbContext>();
        services.AddCacheMaintenanceHandler<TimelineCacheChanged, TimelineCacheSyncHandler, TimelineDbContext>();
        services.AddCacheMaintenanceHandler<TimelineCoosAdded, TimelineCoosAddedHandler, TimelineDbContext>();
    }

    /// <summary>None: the home timeline is a composition of the host, which adds the coos and their authors.</summary>
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
