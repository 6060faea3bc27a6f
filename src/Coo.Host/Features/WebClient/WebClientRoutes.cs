using Microsoft.AspNetCore.Rewrite;

namespace Coo.Host.Features.WebClient;

/// <summary>
/// The web client in wwwroot is one page: its own routes (the root, a profile at <c>/@name</c>, its follower lists, the
/// sign-in and sign-up screens) are served <c>index.html</c>, which then renders the route. Rewriting before
/// routing keeps the static asset endpoint's compression and ETags for them; anything else stays a 404.
/// </summary>
internal static class WebClientRoutes
{
    private const string ClientRoutes = @"^(?:|@\w{1,15}(?:/(?:followers|following))?|signin|signup)/?$";

    public static IApplicationBuilder UseWebClientRoutes(this IApplicationBuilder app) =>
        app.UseRewriter(new RewriteOptions().AddRewrite(ClientRoutes, "index.html", skipRemainingRules: true));
}
