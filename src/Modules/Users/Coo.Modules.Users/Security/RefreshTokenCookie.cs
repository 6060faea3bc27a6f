using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.Http;

namespace Coo.Modules.Users.Security;

/// <summary>
/// The web client keeps its refresh token in an HttpOnly cookie, out of reach of scripts, sent only to the auth routes.
/// CSRF defence: the cookie is SameSite=Strict, and these endpoints accept only JSON bodies
/// (<c>Content-Type: application/json</c>), which another site cannot send without a CORS preflight this API never grants.
/// </summary>
internal sealed class RefreshTokenCookie(AuthSettings settings)
{
    public const string Name = "coo_refresh";

    /// <summary>The auth group's route (<c>/api/v1</c> + <c>/auth</c>): no other endpoint ever receives the token.</summary>
    public const string Path = "/api/v1/auth";

    public static string? Read(HttpRequest request) => request.Cookies[Name] is { Length: > 0 } token ? token : null;

    /// <summary>Sets the cookie to the new refresh token and returns the tokens without it, for the JSON body.</summary>
    public TokenResponse MoveIntoCookie(HttpResponse response, TokenResponse tokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokens.RefreshToken);
        response.Cookies.Append(Name, tokens.RefreshToken, Options(settings.RefreshTokenLifetime));
        return tokens with { RefreshToken = null };
    }

    public void Delete(HttpResponse response) => response.Cookies.Delete(Name, Options(maxAge: null));

    /// <summary>Answers that set or carry tokens must never be stored by a browser or proxy cache.</summary>
    public static void ForbidCaching(HttpResponse response) => response.Headers.CacheControl = "no-store";

    private CookieOptions Options(TimeSpan? maxAge) => new()
    {
        Path = Path,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = settings.SecureCookie,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
