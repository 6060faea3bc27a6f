using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// ASP.NET Core's authentication middleware asks every request handler, on every request, whether it takes the request
/// over; OpenIddict's server and validation each answer by dispatching an event through their handler lists (about 6 %
/// of a warm home-timeline read's CPU, measured with <c>bench/run.sh --profile yes</c>). They are offered only the
/// requests that can be theirs: the server those to its own addresses, the validation those carrying an OAuth token,
/// by the rule that forwards such requests to it.
/// </summary>
internal sealed class OAuthRequestHandlers(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private static readonly Task<IAuthenticationHandler?> NotThisRequest = Task.FromResult<IAuthenticationHandler?>(null);

    private readonly AuthenticationHandlerProvider _handlers = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) => authenticationScheme switch
    {
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme when !OAuthServerSetup.IsServerRequest(context.Request) => NotThisRequest,
        OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme when !OAuthServerSetup.HasOAuthToken(context.Request) => NotThisRequest,
        _ => _handlers.GetHandlerAsync(context, authenticationScheme),
    };
}
