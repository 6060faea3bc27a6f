using Coo.Modules.Coos.Contracts;
using Coo.Modules.Tags.Data;
using Coo.Modules.Tags.Features.GetTrendingTags;
using Coo.Modules.Tags.Features.ListTaggedCoos;
using Coo.Modules.Tags.IntegrationEventHandlers;
using Coo.Modules.Tags.Jobs;
using Coo.Modules.Tags.Resources;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Tags;

/// <summary>Hashtags: each tag's coos and the trending tags, built from Coos' events.</summary>
public sealed class TagsModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<TagsDbContext, SqliteTagsDbContext, PostgreSqlTagsDbContext, SqlServerTagsDbContext>(database, TagsDbContext.SchemaName);
        services.AddErrorTranslations<TagsText>();
        services.AddScoped<IRecurringJob, TrendWindowJob>();
        services.AddIntegrationEventHandler<CooPostedIntegrationEvent, CooPostedHandler, TagsDbContext>(CooPostedHandler.Wants);
        services.AddIntegrationEventHandler<CooDeletedIntegrationEvent, CooDeletedHandler, TagsDbContext>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tags = api.MapGroup("/tags").WithTags("Tags");
        ListTaggedCoosEndpoint.Map(tags);
        GetTrendingTagsEndpoint.Map(tags);
    }
}
