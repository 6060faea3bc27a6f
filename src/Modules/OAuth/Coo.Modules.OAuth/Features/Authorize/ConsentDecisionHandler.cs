using Coo.Modules.OAuth.Server;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Features.Authorize;

/// <summary>
/// /oauth/authorize once OpenIddict has checked the client, its redirect URI and PKCE. A GET goes on to the web client's
/// consent page; the page POSTs the same parameters back with the user's decision, authenticated by the user's Coo
/// session as every call of the web client is (a bearer header no other site can send, so no request forgery). Allowing
/// issues a code for the requested scopes; denying sends <c>access_denied</c> back to the application.
/// </summary>
internal sealed class ConsentDecisionHandler(GrantedAccess access) : IOpenIddictServerHandler<HandleAuthorizationRequestContext>
{
    public const string DecisionParameter = "decision";
    public const string Allow = "allow";

    public async ValueTask HandleAsync(HandleAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A scope the application was not registered for is refused before the user is asked.
        var clientId = context.Request.ClientId!;
        var scopes = GrantedAccess.RequestedScopes(context.Request);
        if (await access.RefusedScopeAsync(clientId, scopes, context.CancellationToken) is { } refused)
        {
            context.Reject(Errors.InvalidScope, $"The application was not registered for scope '{refused}'.");
            return;
        }

        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            context.SkipRequest();
            return;
        }

        // Only a Coo session may consent: OAuth tokens are read on /api only, so one sent here fails as a session would.
        var session = await http.AuthenticateAsync();
        if (session.Principal?.FindUserId() is not { } userId)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign in to answer an application's request").ExecuteAsync(http);
            context.HandleRequest();
            return;
        }

        if (!string.Equals((string?)context.Request[DecisionParameter], Allow, StringComparison.Ordinal))
        {
            context.Reject(Errors.AccessDenied, "The user denied the application access.");
            return;
        }

        var username = session.Principal.FindFirst(JwtRegisteredClaimNames.UniqueName)?.Value;
        context.SignIn(GrantedAccess.Principal(clientId, GrantedAccess.UserSubject(userId), username, scopes));
    }
}
