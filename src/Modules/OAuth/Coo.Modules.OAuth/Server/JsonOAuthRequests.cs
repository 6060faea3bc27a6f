using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// Turns a JSON body sent to /oauth/token or /oauth/revoke into the form OAuth prescribes, before OpenIddict reads it.
/// masto and megalodon send JSON there and Mastodon accepts it; OpenIddict, keeping to RFC 6749, accepts forms only.
/// First in the pipeline (a startup filter), because OpenIddict answers these paths from the authentication middleware.
/// </summary>
internal sealed class JsonOAuthRequests : IStartupFilter
{
    // A token request is a handful of short fields; a larger JSON body is no client's, and is left to fail as JSON.
    private const int MaxBodyBytes = 64 * 1024;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(http.Request.Method)
                && (http.Request.Path.Equals(OAuthServerSetup.TokenPath, StringComparison.Ordinal)
                    || http.Request.Path.Equals(OAuthServerSetup.RevokePath, StringComparison.Ordinal))
                && http.Request.HasJsonContentType()
                && http.Request.ContentLength is null or <= MaxBodyBytes)
            {
                await TranslateAsync(http.Request, http.RequestAborted);
            }

            await nextMiddleware(http);
        });
        next(app);
    };

    private static async Task TranslateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> fields = [];
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in json.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),

                    // Scopes are sometimes sent as a list; OAuth spells them space-separated.
                    JsonValueKind.Array => string.Join(' ', property.Value.EnumerateArray().Select(v => v.ToString())),
                    _ => null,
                };
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: OpenIddict refuses the request for its content type, as it would have.
            return;
        }

        var form = string.Join('&', fields.Where(f => f.Value is not null)
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value!)}"));
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
        request.ContentType = "application/x-www-form-urlencoded";
        request.ContentLength = request.Body.Length;
    }
}
