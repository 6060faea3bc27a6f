using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Coo.Modules.Follows.Features.FollowUser;
using Coo.Modules.Follows.Features.ListFollowers;
using Coo.Modules.Follows.Features.ListFollowing;
using Coo.Modules.Follows.Features.UnfollowUser;
using Coo.Modules.Follows.Resources;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Follows;

/// <summary>Who follows whom.</summary>
public sealed class FollowsModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [FollowsRateLimits.Following];

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
        var user = api.MapGroup("/users/{username}").WithTags("Follows");
        FollowUserEndpoint.Map(user);
        UnfollowUserEndpoint.Map(user);
        ListFollowersEndpoint.Map(user);
        ListFollowingEndpoint.Map(user);
    }
}
