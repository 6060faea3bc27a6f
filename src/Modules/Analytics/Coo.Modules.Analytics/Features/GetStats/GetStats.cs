using Mediator;

namespace Coo.Modules.Analytics.Features.GetStats;

/// <summary>
/// Statistics per bucket, as the query string gave them: <c>from</c> and <c>to</c> are ISO 8601 times (default: the
/// last 7 days, or the last 24 hours by hour), <c>granularity</c> is <c>hour</c> or <c>day</c> (the default).
/// </summary>
internal sealed record GetStats(string? From, string? To, string? Granularity) : IQuery<StatsResponse>;

/// <summary><see cref="Granularity"/> is <c>hour</c> or <c>day</c>; <see cref="From"/> is the first bucket's start.</summary>
internal sealed record StatsResponse(string Granularity, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StatsBucket> Buckets);

/// <summary>One hour or day (counts are plain JSON numbers). Anonymous client events count in their totals (e.g. timeline views), never in <see cref="ActiveUsers"/>.</summary>
internal sealed record StatsBucket(
    DateTimeOffset Start,
    int ActiveUsers,
    int NewUsers,
    int CoosPosted,
    int CoosDeleted,
    int Follows,
    int Unfollows,
    int Likes,
    int Reposts,
    int TimelineViews,
    int ProfileViews,
    int CoosComposed,
    int SignUpsStarted);
