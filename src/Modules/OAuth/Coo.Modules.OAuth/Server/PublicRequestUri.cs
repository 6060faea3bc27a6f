using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// With <c>App:PublicUrl</c>, OpenIddict sees each request at the public URL, not at the Host header it came with: the
/// issuer, the metadata's endpoint addresses and the <c>iss</c> of an authorization response all start with the public
/// URL, as every other absolute URL Coo emits does, and no forged Host header appears in them.
/// </summary>
internal sealed class PublicRequestUri(PublicBaseUrl publicUrl) : IOpenIddictServerHandler<ProcessRequestContext>
{
    // With a trailing slash, so that the endpoints' relative paths stay under the public URL's own path.
    private readonly Uri? _baseUri = publicUrl.Configured is { } configured
        ? new Uri(configured.AbsoluteUri.EndsWith('/') ? configured.AbsoluteUri : configured.AbsoluteUri + "/")
        : null;

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_baseUri is { } baseUri && context.Transaction.GetHttpRequest() is { } request)
        {
            context.BaseUri = baseUri;
            context.RequestUri = new Uri(baseUri, request.Path.ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent());
        }

        return ValueTask.CompletedTask;
    }
}
