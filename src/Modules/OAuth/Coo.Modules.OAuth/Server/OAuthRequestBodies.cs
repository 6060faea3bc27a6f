using System.Text;
using System.Text.Json;
using Coo.Modules.OAuth.Features.CreateApplication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// Bodies sent to /oauth/token or /oauth/revoke as OpenIddict needs them, before it reads them: JSON becomes the form
/// OAuth prescribes (masto and megalodon send JSON there and Mastodon accepts it; OpenIddict, keeping to RFC 6749,
/// accepts forms only), and a form that cannot be read is refused as OAuth spells an error (RFC 6749, 5.2), which is
/// what OAuth clients parse, instead of as problem details. First in the pipeline (a startup filter), because OpenIddict
/// answers these paths from the authentication middleware.
/// </summary>
internal sealed class OAuthRequestBodies : IStartupFilter
{
    // A token request is a handful of short fields; a larger JSON body is no client's, and is left to fail as JSON.
    private const int MaxBodyBytes = 64 * 1024;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(http.Request.Method)
                && (http.Request.Path.Equals(OAuthServerSetup.TokenPath, StringComparison.Ordinal)
                    || http.Request.Path.Equals(OAuthServerSetup.RevokePath, StringComparison.Ordinal)))
            {
                if (http.Request.HasJsonContentType() && http.Request.ContentLength is null or <= MaxBodyBytes)
                {
                    await TranslateAsync(http.Request, http.RequestAborted);
                }
                else if (http.Request.HasFormContentType && !await IsReadableFormAsync(http))
                {
                    return;
                }
            }

            await nextMiddleware(http);
        });
        next(app);
    };

    /// <summary>Reads the form (OpenIddict then reads the same copy); one that cannot be read is answered here.</summary>
    private static async Task<bool> IsReadableFormAsync(HttpContext http)
    {
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
            return true;
        }
        catch (InvalidDataException unreadable)
        {
            http.Response.Headers.CacheControl = "no-store";
            await Results.Json(
                new MastodonError("invalid_request", $"The request body is not a form that can be read: {unreadable.Message}"),
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return false;
        }
    }

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
