using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Modules;

/// <summary>A module's registrar: the only implementation type the host may touch.</summary>
public interface IModule
{
    /// <summary>
    /// The rate-limit policies only this module's endpoints use, with their default limits (the platform's shared ones
    /// are <see cref="Web.RateLimitPolicies"/>). The host enforces them and reads their settings; none by default.
    /// </summary>
    IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [];

    /// <summary>Adds the module's services, DbContext, validators and event consumers.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database);

    /// <summary>Maps the module's endpoints under the versioned API group.</summary>
    void MapEndpoints(IEndpointRouteBuilder api);

    /// <summary>Maps the module's endpoints outside the versioned API (OAuth's <c>/oauth/*</c>); none by default.</summary>
    void MapRootEndpoints(IEndpointRouteBuilder app)
    {
    }
}
