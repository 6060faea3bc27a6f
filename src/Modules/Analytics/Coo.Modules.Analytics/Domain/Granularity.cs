namespace Coo.Modules.Analytics.Domain;

/// <summary>The width of a statistics bucket. Stored by name (<c>hour</c>, <c>day</c>), which is also the API's spelling.</summary>
internal enum Granularity
{
    Hour,
    Day,
}

internal static class Buckets
{
    public static readonly Granularity[] All = [Granularity.Hour, Granularity.Day];

    /// <summary>The UTC start of the bucket that holds <paramref name="moment"/>.</summary>
    public static DateTime StartOf(DateTimeOffset moment, Granularity granularity)
    {
        var utc = moment.UtcDateTime;
        return granularity == Granularity.Hour
            ? new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc)
            : new DateTime(utc.Year, utc.Month, utc.Day, 0, 0, 0, DateTimeKind.Utc);
    }

    public static TimeSpan Width(Granularity granularity) =>
        granularity == Granularity.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
}
