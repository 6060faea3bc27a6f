using Coo.Shared.Infrastructure.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Modules;

/// <summary>A module's registrar: the only implementation type the host may touch.</summary>
public interface IModule
{
    /// <summary>Adds the module's services, DbContext, validators and event consumers.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database);

    /// <summary>Maps the module's endpoints under the versioned API group.</summary>
    void MapEndpoints(IEndpointRouteBuilder api);
}
