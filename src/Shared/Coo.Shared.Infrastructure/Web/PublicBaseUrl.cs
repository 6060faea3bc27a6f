using Microsoft.AspNetCore.Http;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>The base of the absolute URLs the API emits (<c>Link</c> headers, the OpenAPI document's server).</summary>
public sealed class PublicBaseUrl(Uri? configured)
{
    private readonly string? _configured = configured?.AbsoluteUri.TrimEnd('/');

    /// <summary><c>App:PublicUrl</c>, or null when URLs are built from each request.</summary>
    public Uri? Configured { get; } = configured;

    /// <summary><c>scheme://host[:port][/prefix]</c>, without a trailing slash.</summary>
    public string For(HttpRequest request) => _configured ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
}
