using System.Text.Json;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.Http;

namespace Coo.Modules.OAuth.Features.CreateApplication;

/// <summary>
/// The fields of "Create an application" as Mastodon clients send them: a form, multipart or JSON; redirect_uris as one
/// newline-separated string or a list, scopes space-separated (or a list).
/// </summary>
internal sealed record CreateApplicationRequest(string? ClientName, IReadOnlyList<string> RedirectUris, string? Scopes, string? Website)
{
    /// <summary>The redirect URI of clients that show the code to the user instead of receiving it.</summary>
    public const string OutOfBandRedirectUri = "urn:ietf:wg:oauth:2.0:oob";

    private static readonly HashSet<string> UnsafeRedirectSchemes = new(StringComparer.OrdinalIgnoreCase) { "javascript", "data", "vbscript", "blob" };

    private const int MaxNameLength = 100;
    private const int MaxUriLength = 2000;
    private const int MaxRedirectUris = 10;

    /// <returns>The request, or null when the body is neither a form nor a JSON object that can be read.</returns>
    public static async Task<CreateApplicationRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException)
            {
                return null; // A value with a NUL, or a broken multipart body: no form to read.
            }

            return new(
                form["client_name"].FirstOrDefault(),
                SplitLines([.. form["redirect_uris"], .. form["redirect_uris[]"]]),
                form["scopes"].FirstOrDefault(),
                form["website"].FirstOrDefault());
        }

        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new(Text(root, "client_name"), SplitLines(Texts(root, "redirect_uris")), string.Join(' ', Texts(root, "scopes")), Text(root, "website"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The command, or Mastodon's message for what is wrong.</summary>
    public (CreateApplication? Command, string? Error) Validate()
    {
        var name = ClientName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, "Validation failed: Application name can't be blank");
        }

        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return (null, $"Validation failed: Application name must be at most {MaxNameLength} characters, without control characters");
        }

        if (RedirectUris.Count == 0)
        {
            return (null, $"Validation failed: Redirect URI can't be blank (use {OutOfBandRedirectUri} for none)");
        }

        // A path alone parses as an absolute file URI on Unix; no client is called back at a file. Apps' own schemes
        // (myapp://callback) are fine, but not those a browser would run or render in the consent page's place.
        if (RedirectUris.Count > MaxRedirectUris
            || RedirectUris.Any(uri => uri.Length > MaxUriLength || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.IsFile
                || parsed.Fragment.Length > 0 || UnsafeRedirectSchemes.Contains(parsed.Scheme)))
        {
            return (null, "Validation failed: Redirect URI must be absolute URIs without a fragment, not javascript:, data:, vbscript: or blob:");
        }

        var scopes = (Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (scopes.Count == 0)
        {
            scopes.Add(MastodonScopes.Read);
        }

        if (scopes.FirstOrDefault(scope => !MastodonScopes.All.Contains(scope)) is { } unknown)
        {
            return (null, $"Validation failed: Scopes '{unknown}' is not a known scope");
        }

        var website = string.IsNullOrWhiteSpace(Website) ? null : Website.Trim();
        if (website is not null && (website.Length > MaxUriLength || !Uri.TryCreate(website, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https")))
        {
            return (null, "Validation failed: Website must be an http or https URL");
        }

        return (new CreateApplication(name, RedirectUris, scopes, website), null);
    }

    private static List<string> SplitLines(IEnumerable<string?> values) =>
    [
        .. values.SelectMany(v => (v ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal),
    ];

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string?> Texts(JsonElement root, string name) => !root.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())]
        : value.ValueKind == JsonValueKind.String ? [value.GetString()]
        : [];
}
