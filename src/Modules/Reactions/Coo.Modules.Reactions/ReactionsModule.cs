using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Features.ListReactors;
using Coo.Modules.Reactions.Features.ListUserLikes;
using Coo.Modules.Reactions.Features.React;
using Coo.Modules.Reactions.Features.UndoReaction;
using Coo.Modules.Reactions.IntegrationEventHandlers;
using Coo.Modules.Reactions.PublicApi;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Reactions;

/// <summary>Likes and reposts of coos, their counts and replies counts, and who reacted how.</summary>
public sealed class ReactionsModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [ReactionsRateLimits.Reacting];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<ReactionsDbContext, SqliteReactionsDbContext, PostgreSqlReactionsDbContext, SqlServerReactionsDbContext>(
            database, ReactionsDbContext.SchemaName);
        services.AddPublishedIntegrationEvents(typeof(CooLikedIntegrationEvent).Assembly);
        services.AddSingleton(provider => new ReactionReadCache(provider.GetRequiredService<TimeProvider>(), provider.GetService<NearCache>()));
        services.AddSingleton<ReactionRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<ReactionRefresher>());
        services.AddIntegrationEventHandler<CooPostedIntegrationEvent, CooPostedHandler, ReactionsDbContext>(CooPostedHandler.Wants);
        services.AddIntegrationEventHandler<CooDeletedIntegrationEvent, CooDeletedHandler, ReactionsDbContext>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var coo = api.MapGroup("/coos/{id:long}").WithTags("Reactions");
        ReactEndpoint.Map(coo);
        UndoReactionEndpoint.Map(coo);
        ListReactorsEndpoint.Map(coo);
        ListUserLikesEndpoint.Map(api.MapGroup("/users/{username}").WithTags("Reactions"));
    }
}
