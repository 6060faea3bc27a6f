using System.Security.Claims;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Host.Platform.JobsDashboard;

/// <summary>
/// A browser cannot send a bearer token when it opens <c>/hangfire</c>, so a signed-in administrator trades theirs
/// (<c>POST /api/v1/admin/dashboard-session</c>) for a short-lived cookie that only the dashboard receives
/// (<c>Path=/hangfire</c>, HttpOnly, SameSite=Strict). It holds a token signed like access tokens but for another
/// audience, so it opens the dashboard and nothing else, and no access token opens the dashboard through it.
/// </summary>
internal sealed class DashboardSession(AuthSettings settings, IOptionsMonitor<JwtBearerOptions> bearer, TimeProvider time)
{
    public const string CookieName = "coo_jobs_dashboard";
    public const string DashboardPath = "/hangfire";
    public const string Audience = "coo-jobs-dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly JsonWebTokenHandler _handler = new();

    public static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/admin/dashboard-session", (DashboardSession session, HttpContext http) =>
        {
            session.Start(http);
            return TypedResults.NoContent();
        })
        .WithTags("Admin")
        .WithName("StartJobsDashboardSession")
        .WithSummary("Set a 10-minute cookie that opens the jobs dashboard (/hangfire) in this browser (administrators)")
        .RequireAuthorization(AuthorizationPolicies.Admin)
        .RequireRateLimiting(RateLimitPolicies.Sessions);

    /// <summary>True when the request carries a dashboard cookie this host issued to an administrator, not yet expired.</summary>
    public async Task<bool> IsValidAsync(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } token)
        {
            return false;
        }

        // The bearer scheme's rules (issuer, keys, algorithm, lifetime), for the dashboard's audience instead.
        var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.Clone();
        parameters.ValidAudience = Audience;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        return result.IsValid && result.ClaimsIdentity.HasClaim(CooRoles.ClaimType, CooRoles.Admin);
    }

    private void Start(HttpContext http)
    {
        var now = time.GetUtcNow();
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, http.User.GetUserId().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(CooRoles.ClaimType, CooRoles.Admin),
            ]),
        });
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            Path = DashboardPath,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = settings.SecureCookie,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }
}
