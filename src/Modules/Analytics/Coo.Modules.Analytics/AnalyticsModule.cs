using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Features.GetStats;
using Coo.Modules.Analytics.Features.RecordClientEvents;
using Coo.Modules.Analytics.IntegrationEventHandlers;
using Coo.Modules.Analytics.Jobs;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Analytics;

/// <summary>Usage statistics: counts of other modules' events and of client events, per hour and day, for administrators.</summary>
public sealed class AnalyticsModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [AnalyticsRateLimits.Recording];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<AnalyticsDbContext, SqliteAnalyticsDbContext, PostgreSqlAnalyticsDbContext, SqlServerAnalyticsDbContext>(
            database, AnalyticsDbContext.SchemaName);
        services.AddModuleValidators(typeof(AnalyticsModule).Assembly);
        services.AddSingleton(Options.Create(ValidatedSettings.Read<AnalyticsOptions>(configuration, AnalyticsOptions.Section)));
        services.AddScoped<AnalyticsCounters>();
        services.AddScoped<IRecurringJob, RawEventRetentionJob>();
        services.AddReportingHandler<UserRegisteredIntegrationEvent, UserRegisteredHandler, AnalyticsDbContext>();
        services.AddReportingHandler<CooPostedIntegrationEvent, CooPostedHandler, AnalyticsDbContext>();
        services.AddReportingHandler<CooDeletedIntegrationEvent, CooDeletedHandler, AnalyticsDbContext>();
        services.AddReportingHandler<UserFollowedIntegrationEvent, UserFollowedHandler, AnalyticsDbContext>();
        services.AddReportingHandler<UserUnfollowedIntegrationEvent, UserUnfollowedHandler, AnalyticsDbContext>();
        services.AddReportingHandler<CooLikedIntegrationEvent, CooLikedHandler, AnalyticsDbContext>();
        services.AddReportingHandler<CooRepostedIntegrationEvent, CooRepostedHandler, AnalyticsDbContext>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        RecordClientEventsEndpoint.Map(api.MapGroup("/analytics").WithTags("Analytics"));
        GetStatsEndpoint.Map(api.MapGroup("/admin").WithTags("Admin"));
    }
}
