using System.Text.Json;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.RateLimiting;

namespace Coo.Host.RateLimiting;

/// <summary>
/// Reads the username of a sign-in request before the rate limiter runs, so that sign-ins can also be limited per
/// username: against one account, a password guesser spread over many IPs is held to that account's limit. The body,
/// already capped and buffered by <c>UseRequestBodyLimits</c>, is rewound for the endpoint, which reads the same JSON;
/// a form (OAuth's password grant) is read once and kept by ASP.NET Core for everyone after.
/// </summary>
internal static class SignInUsername
{
    private static readonly object ItemKey = new();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Longer input is refused by the endpoint anyway; the key need not grow with it.</summary>
    private const int MaxKeyLength = 256;

    public static async Task CaptureAsync(HttpContext httpContext, RequestDelegate next)
    {
        var policy = httpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (policy == RateLimitPolicies.SignIn.Name && httpContext.Request.HasJsonContentType())
        {
            httpContext.Request.EnableBuffering();
            try
            {
                var credentials = await JsonSerializer.DeserializeAsync<Credentials>(httpContext.Request.Body, Json, httpContext.RequestAborted);
                Remember(httpContext, credentials?.Username);
            }
            catch (JsonException)
            {
                // Not the expected shape: the endpoint answers 400, and the per-IP limit still counts it.
            }

            httpContext.Request.Body.Position = 0;
        }
        else if (policy == RateLimitPolicies.SignIn.Name && httpContext.Request.HasFormContentType)
        {
            // OAuth's password grant (/oauth/token) is a form, which the server has read already: this reads its copy.
            Remember(httpContext, (await httpContext.Request.ReadFormAsync(httpContext.RequestAborted))["username"].FirstOrDefault());
        }

        await next(httpContext);
    }

    private static void Remember(HttpContext httpContext, string? username)
    {
        if (username?.Trim() is { Length: > 0 } trimmed)
        {
            httpContext.Items[ItemKey] = trimmed[..Math.Min(trimmed.Length, MaxKeyLength)].ToUpperInvariant();
        }
    }

    /// <summary>The submitted username (or e-mail), case-folded (usernames are case-insensitive); null when none.</summary>
    public static string? Of(HttpContext httpContext) => httpContext.Items.TryGetValue(ItemKey, out var username) ? username as string : null;

    private sealed record Credentials(string? Username);
}
