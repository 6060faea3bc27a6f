namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// The platform's rate-limit policies, which endpoints of every module and of the host share. A policy that only one
/// module's endpoints use is declared by that module instead (<see cref="Modules.IModule.RateLimitPolicies"/>).
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Reading the API (profiles, coos, follower lists, timelines, statistics), per user or client IP.</summary>
    public static readonly RateLimitPolicy Reads = new("reads", "Reads", 300, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Signing in: per client IP, and also per submitted username against password guessing (the host adds that
    /// second limit, <c>RateLimits:SignInPerUsername</c>, to the endpoint under this policy).
    /// </summary>
    public static readonly RateLimitPolicy SignIn = new("sign-in", "SignIn", 30, TimeSpan.FromMinutes(1));

    /// <summary>Refreshing and revoking sessions (also the jobs dashboard's session), per client IP.</summary>
    public static readonly RateLimitPolicy Sessions = new("sessions", "Sessions", 60, TimeSpan.FromMinutes(1));

    /// <summary>Every platform policy, which the host enforces together with those the modules declare.</summary>
    public static IReadOnlyList<RateLimitPolicy> All { get; } = [Reads, SignIn, Sessions];
}
