namespace Coo.Modules.Analytics.Domain;

/// <summary>The names under which counts are stored: one per consumed integration event, one per client event.</summary>
internal static class Metrics
{
    public const string NewUsers = "new_users";
    public const string CoosPosted = "coos_posted";
    public const string CoosDeleted = "coos_deleted";
    public const string Follows = "follows";
    public const string Unfollows = "unfollows";
    public const string Likes = "likes";
    public const string Reposts = "reposts";
}

/// <summary>
/// The events a client may report, each counted under its own name. The list is short on purpose: a name is added
/// here (and to the README) when someone needs its count, so clients cannot fill the tables with arbitrary names.
/// </summary>
internal static class ClientEventNames
{
    /// <summary>The home timeline was shown.</summary>
    public const string TimelineViewed = "timeline_viewed";

    /// <summary>A profile page was shown.</summary>
    public const string ProfileViewed = "profile_viewed";

    /// <summary>The compose box was opened.</summary>
    public const string CooComposed = "coo_composed";

    /// <summary>The sign-up form was opened.</summary>
    public const string SignUpStarted = "sign_up_started";

    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        TimelineViewed, ProfileViewed, CooComposed, SignUpStarted,
    };
}
