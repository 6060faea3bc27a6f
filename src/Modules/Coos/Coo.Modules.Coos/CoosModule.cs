using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Features.DeleteCoo;
using Coo.Modules.Coos.Features.GetCoo;
using Coo.Modules.Coos.Features.GetCooLimits;
using Coo.Modules.Coos.Features.GetThread;
using Coo.Modules.Coos.Features.ListUserCoos;
using Coo.Modules.Coos.Features.PinCoo;
using Coo.Modules.Coos.Features.PostCoo;
using Coo.Modules.Coos.Features.UnpinCoo;
using Coo.Modules.Coos.Jobs;
using Coo.Modules.Coos.Resources;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Coos;

/// <summary>Coos, the short messages people post.</summary>
public sealed class CoosModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [CoosRateLimits.Posting, CoosRateLimits.Pinning];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<CoosDbContext, SqliteCoosDbContext, PostgreSqlCoosDbContext, SqlServerCoosDbContext>(
            database, CoosDbContext.SchemaName);
        services.AddPublishedIntegrationEvents(typeof(CooPostedIntegrationEvent).Assembly);
        services.AddModuleValidators(typeof(CoosModule).Assembly);
        services.AddErrorTranslations<CoosText>();

        // Coos never change, they are only deleted: they can stay cached until their readers move on. The name changes
        // with the summary's shape ("coo.v2": replies; "coo.v3": images), so that no instance reads a summary cached
        // without its fields.
        services.AddEntityCache(configuration, new EntityCacheOptions<CooSummary>("coo.v3", c => c.Id, TimeSpan.FromHours(1), CooSummaryJson.Default.CooSummary));
        services.AddCacheMaintenanceHandler<CooDeletedIntegrationEvent, DeletedCooCacheHandler, CoosDbContext>();
        services.AddScoped<IRecurringJob, IdempotencyKeyCleanupJob>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var coos = api.MapGroup("/coos").WithTags("Coos");
        PostCooEndpoint.Map(coos);
        GetCooEndpoint.Map(coos);
        DeleteCooEndpoint.Map(coos);
        GetCooLimitsEndpoint.Map(coos);
        GetThreadEndpoint.Map(coos);
        ListUserCoosEndpoint.Map(api);

        var pinnedCoo = api.MapGroup("/users/me/pinned-coo").WithTags("Coos");
        PinCooEndpoint.Map(pinnedCoo);
        UnpinCooEndpoint.Map(pinnedCoo);
    }
}
