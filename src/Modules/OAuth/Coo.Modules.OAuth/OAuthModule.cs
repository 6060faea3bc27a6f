using Coo.Modules.OAuth.Data;
using Coo.Modules.OAuth.Features.Authorize;
using Coo.Modules.OAuth.Features.CreateApplication;
using Coo.Modules.OAuth.Features.Token;
using Coo.Modules.OAuth.Jobs;
using Coo.Modules.OAuth.Server;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.OAuth;

/// <summary>
/// Coo's OAuth 2 server for Mastodon clients (OpenIddict): client applications, /oauth/token, /oauth/revoke,
/// /oauth/authorize and the server metadata, and the validation of its tokens on Coo's API.
/// </summary>
public sealed class OAuthModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [OAuthRateLimits.RegisteringApps];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<OAuthDbContext, SqliteOAuthDbContext, PostgreSqlOAuthDbContext, SqlServerOAuthDbContext>(
            database, OAuthDbContext.SchemaName);
        var auth = services.Select(d => d.ImplementationInstance).OfType<AuthSettings>().SingleOrDefault()
            ?? throw new InvalidOperationException("The host adds Coo's authentication (AuthSettings) before the modules.");
        services.AddOAuthServer(auth, ValidatedSettings.Read<OAuthOptions>(configuration, OAuthOptions.Section));
        services.AddSingleton<IStartupFilter, OAuthRequestBodies>();
        services.AddScoped<IRecurringJob, TokenPruneJob>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        CreateApplicationEndpoint.Map(api.MapGroup("").WithTags("OAuth"));
        GetClientEndpoint.Map(api);
    }

    public void MapRootEndpoints(IEndpointRouteBuilder app) => TokenEndpoint.Map(app);
}
