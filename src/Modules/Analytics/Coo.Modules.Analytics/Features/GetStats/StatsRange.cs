using System.Globalization;
using Coo.Modules.Analytics.Domain;

namespace Coo.Modules.Analytics.Features.GetStats;

/// <summary>The buckets a <see cref="GetStats"/> asks for: whole hours or days from the one holding <c>from</c> up to <c>to</c>.</summary>
internal sealed record StatsRange(Granularity Granularity, DateTime FirstBucket, DateTime End)
{
    /// <summary>A week of hours, a year (and a leap day) of days: enough for a dashboard, small enough for one answer.</summary>
    public static int MaxBuckets(Granularity granularity) => granularity == Granularity.Hour ? 7 * 24 : 366;

    public int BucketCount => (int)Math.Ceiling((End - FirstBucket) / Buckets.Width(Granularity));

    public static bool TryParseGranularity(string? text, out Granularity granularity)
    {
        (var known, granularity) = text?.ToLowerInvariant() switch
        {
            null or "day" => (true, Granularity.Day),
            "hour" => (true, Granularity.Hour),
            _ => (false, Granularity.Day),
        };
        return known;
    }

    public static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value);
        time = parsed ? value : null;
        return parsed;
    }

    /// <summary>The range of a query whose parts parse (the validator checks that); missing parts get their defaults.</summary>
    public static StatsRange Of(GetStats query, DateTimeOffset now)
    {
        if (!TryParseGranularity(query.Granularity, out var granularity) || !TryParseTime(query.To, out var to) || !TryParseTime(query.From, out var from))
        {
            throw new ArgumentException("The query was not validated.", nameof(query));
        }

        var end = to ?? now;
        var start = from ?? end - (granularity == Granularity.Hour ? TimeSpan.FromHours(24) : TimeSpan.FromDays(7));
        return new StatsRange(granularity, Buckets.StartOf(start, granularity), end.UtcDateTime);
    }
}
