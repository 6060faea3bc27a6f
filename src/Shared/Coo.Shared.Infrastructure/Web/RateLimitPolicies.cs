namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// Names of the host's rate-limit policies, for <c>RequireRateLimiting</c> on endpoints. The host defines what each
/// allows (<c>RateLimits:*</c> settings); a module only says which policy its endpoint falls under.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Posting a coo, per signed-in user.</summary>
    public const string Posting = "posting";

    /// <summary>Following and unfollowing, per signed-in user.</summary>
    public const string Following = "following";

    /// <summary>Signing in: per client IP, and also per submitted username against password guessing.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Refreshing and revoking sessions, per client IP.</summary>
    public const string Sessions = "sessions";

    /// <summary>Creating accounts, per client IP.</summary>
    public const string Registering = "registering";

    /// <summary>Reading the API (profiles, coos, follower lists, timelines), per user or client IP.</summary>
    public const string Reads = "reads";

    /// <summary>Reporting client events (analytics), per user or client IP.</summary>
    public const string Analytics = "analytics";
}
