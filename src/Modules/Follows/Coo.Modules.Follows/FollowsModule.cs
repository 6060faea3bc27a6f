using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Coo.Modules.Follows.Resources;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Follows;

/// <summary>Who follows whom.</summary>
public sealed class FollowsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<FollowsDbContext, SqliteFollowsDbContext, PostgreSqlFollowsDbContext, SqlServerFollowsDbContext>(
            database, FollowsDbContext.SchemaName);
        services.AddPublishedIntegrationEvents(typeof(UserFollowedIntegrationEvent).Assembly);
        services.AddModuleValidators(typeof(FollowsModule).Assembly);
        services.AddErrorTranslations<FollowsText>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
