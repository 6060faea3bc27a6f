using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Features.DeleteCoo;
using Coo.Modules.Coos.Features.GetCooLimits;
using Coo.Modules.Coos.Resources;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Coos;

/// <summary>Coos, the short messages people post.</summary>
public sealed class CoosModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<CoosDbContext, SqliteCoosDbContext, PostgreSqlCoosDbContext, SqlServerCoosDbContext>(
            database, CoosDbContext.SchemaName);
        services.AddPublishedIntegrationEvents(typeof(CooPostedIntegrationEvent).Assembly);
        services.AddModuleValidators(typeof(CoosModule).Assembly);
        services.AddErrorTranslations<CoosText>();

        // Coos never change, they are only deleted: they can stay cached until their readers move on.
        services.AddEntityCache(configuration, new EntityCacheOptions<CooSummary>("coo", c => c.Id, TimeSpan.FromHours(1)));
        services.AddCacheMaintenanceHandler<CooDeletedIntegrationEvent, DeletedCooCacheHandler, CoosDbContext>();
    }

    /// <summary>
    /// The module's own endpoints; posting and reading coos are still the host's application endpoints, which add
    /// their authors from the Users module.
    /// </summary>
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var coos = api.MapGroup("/coos").WithTags("Coos");
        GetCooLimitsEndpoint.Map(coos);
    }
}
