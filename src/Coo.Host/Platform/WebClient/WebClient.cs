using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Rewrite;

namespace Coo.Host.Platform.WebClient;

/// <summary>
/// The web client in wwwroot is one page: its own routes (the root, a profile at <c>/@name</c>, its follower lists,
/// a thread at <c>/@name/coo/{id}</c>, the sign-in and sign-up screens, a hashtag page at <c>/tags/{tag}</c>, the
/// notifications) are
/// served <c>index.html</c>, which then renders the route. Rewriting before routing keeps the static asset endpoint's
/// compression and ETags for them; anything else stays a 404.
/// </summary>
internal static partial class WebClient
{

    // The client loads nothing but its own files and calls nothing but its own API, so a script injected through
    // some future bug could neither run inline nor send data elsewhere. The API page and the jobs dashboard use
    // inline scripts of their libraries and keep their own defaults.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseWebClient(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/docs") && !context.Request.Path.StartsWithSegments("/hangfire"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return next(context);
        });
        return app.UseRewriter(new RewriteOptions().Add(context =>
        {
            // The rewriter's own regex rules give up after a second, which a starved machine can reach on any path:
            // a 500. A non-backtracking match takes time linear in the path, so it needs no timeout.
            if (context.HttpContext.Request.Path.Value is { Length: > 0 } path && ClientRoute().IsMatch(path.AsSpan(1)))
            {
                context.HttpContext.Request.Path = "/index.html";
                context.Result = RuleResult.SkipRemainingRules;
            }
        }));
    }

    /// <summary>
    /// The consent page of <c>/oauth/authorize</c> is the client's too. It cannot be rewritten like the other routes: the
    /// OAuth server reads the request at its own address first, and only a request it found valid comes through to here.
    /// </summary>
    public static void MapConsentPage(this IEndpointRouteBuilder app) => app
        .MapGet("/oauth/authorize", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.File("index.html", "text/html; charset=utf-8");
        })
        .ExcludeFromDescription();

    [GeneratedRegex(@"^(?:|@\w{1,15}(?:/(?:followers|following|coo/\d{1,19}))?|signin|signup|notifications|tags/[^/]+)/?$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex ClientRoute();
}
