using Coo.Shared.Infrastructure.Web;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// The Mastodon-compatible client API: a Layer-1 adapter over the modules' contracts, at Mastodon's own paths beside
/// Coo's API. No module knows Mastodon's shapes; they are built here. It is described by Mastodon's documentation, not
/// by Coo's OpenAPI document, and answers errors the way Mastodon does (<see cref="MastodonErrorWriter"/>).
/// </summary>
internal static class MastodonApiEndpoints
{
    public const string Tag = "Mastodon API";

    public static IServiceCollection AddMastodonApi(this IServiceCollection services)
    {
        // Ahead of ASP.NET Core's own writer, which would otherwise answer first.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, MastodonErrorWriter>());
        services.AddHttpContextAccessor();
        services.AddScoped<MastodonUrls>();
        services.AddScoped<MastodonAccounts>();
        services.AddScoped<MastodonStatuses>();
        return services;
    }

    public static void MapMastodonApi(this IEndpointRouteBuilder app)
    {
        var v1 = Group(app, "/api/v1");
        var v2 = Group(app, "/api/v2");
        InstanceEndpoints.Map(v1, v2);
        AccountEndpoints.Map(v1);
        AccountStatusesEndpoint.Map(v1);
        AccountListsEndpoints.Map(v1);
        FollowEndpoints.Map(v1);
        GetStatusEndpoint.Map(v1);
        PostStatusEndpoint.Map(v1);
        DeleteStatusEndpoint.Map(v1);
        StatusActionEndpoints.Map(v1);
        StatusContextEndpoint.Map(v1);
        StatusReactorsEndpoints.Map(v1);
        MastodonHomeTimelineEndpoint.Map(v1);
        TagTimelineEndpoint.Map(v1);
        MastodonNotificationsEndpoint.Map(v1);
        MediaEndpoints.Map(v1, v2);
        StreamingEndpoints.Map(v1);
        SearchEndpoint.Map(v2);
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags(Tag).ExcludeFromDescription().AnswersMastodonErrors().RequireRateLimiting(RateLimitPolicies.Reads);
}
