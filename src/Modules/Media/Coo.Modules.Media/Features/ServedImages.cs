using Microsoft.AspNetCore.Http;

namespace Coo.Modules.Media.Features;

/// <summary>
/// How every image is served: what a URL serves never changes, so it is cached for ever; its type is never sniffed,
/// and a browser that opens it as a page gets no script, no plugin and no origin (the policy sandboxes it).
/// </summary>
internal static class ServedImages
{
    public static void SetHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
    }
}
