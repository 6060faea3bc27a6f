using Coo.Modules.Analytics.Domain;
using Coo.Modules.Analytics.Features.GetStats;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Analytics;

public sealed class BucketTests
{
    [Theory]
    [InlineData("2026-03-29T00:59:59.9999999Z", "hour", "2026-03-29T00:00:00Z")]
    [InlineData("2026-03-29T01:00:00Z", "hour", "2026-03-29T01:00:00Z")]
    [InlineData("2026-03-29T23:59:59.9999999Z", "day", "2026-03-29T00:00:00Z")]
    [InlineData("2026-03-30T00:00:00Z", "day", "2026-03-30T00:00:00Z")]
    [InlineData("2026-03-29T02:30:00+02:00", "hour", "2026-03-29T00:00:00Z")]
    [InlineData("2026-03-29T01:30:00+02:00", "day", "2026-03-28T00:00:00Z")]
    public void A_moment_counts_in_the_UTC_hour_or_day_that_holds_it(string moment, string granularity, string bucket)
    {
        var start = Buckets.StartOf(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture), Parse(granularity));

        Assert.Equal(DateTimeKind.Utc, start.Kind);
        Assert.Equal(DateTimeOffset.Parse(bucket, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, start);
    }

    [Fact]
    public void Every_moment_lies_within_its_bucket()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 3 * 24 * 4; i++)
        {
            var now = time.GetUtcNow();
            foreach (var granularity in Buckets.All)
            {
                var start = Buckets.StartOf(now, granularity);
                Assert.InRange(now.UtcDateTime, start, start + Buckets.Width(granularity) - TimeSpan.FromTicks(1));
            }

            time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromTicks(1));
        }
    }

    [Fact]
    public void Without_times_the_range_is_the_last_week_of_days_up_to_now()
    {
        var now = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero)).GetUtcNow();

        var range = StatsRange.Of(new GetStats(null, null, null), now);

        Assert.Equal(Granularity.Day, range.Granularity);
        Assert.Equal(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), range.FirstBucket);
        Assert.Equal(now.UtcDateTime, range.End);
        Assert.Equal(8, range.BucketCount); // Seven whole days back and the day under way.
    }

    [Fact]
    public void By_hour_the_default_range_is_the_last_24_hours_with_the_hour_under_way()
    {
        var now = new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero);

        var range = StatsRange.Of(new GetStats(null, null, "HOUR"), now);

        Assert.Equal(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), range.FirstBucket);
        Assert.Equal(25, range.BucketCount);
    }

    [Theory]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "hour", 24)]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-01T00:00:00.0000001Z", "hour", 1)]
    [InlineData("2026-12-01T00:30:00Z", "2026-12-01T01:00:00Z", "hour", 1)]
    [InlineData("2026-12-01T00:30:00Z", "2026-12-01T01:00:00.0000001Z", "hour", 2)]
    [InlineData("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "day", 365)]
    [InlineData("2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z", "day", 366)]
    public void A_range_counts_every_bucket_it_touches(string from, string to, string granularity, int buckets) =>
        Assert.Equal(buckets, StatsRange.Of(new GetStats(from, to, granularity), DateTimeOffset.UnixEpoch).BucketCount);

    [Fact]
    public void The_longest_ranges_are_a_week_of_hours_and_a_leap_year_of_days()
    {
        Assert.Equal(168, StatsRange.MaxBuckets(Granularity.Hour));
        Assert.Equal(366, StatsRange.MaxBuckets(Granularity.Day));
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59Z", false)]
    [InlineData("2000-01-01T00:00:00Z", true)]
    [InlineData("9999-01-01T00:00:00Z", true)]
    [InlineData("9999-01-01T00:00:00.0000001Z", false)]
    public void Times_are_supported_from_2000_to_9999(string time, bool supported)
    {
        Assert.True(StatsRange.TryParseTime(time, out var parsed));
        Assert.Equal(supported, StatsRange.IsSupported(parsed));
    }

    [Fact]
    public void A_time_without_an_offset_is_UTC()
    {
        Assert.True(StatsRange.TryParseTime("2026-12-01T10:00:00", out var time));
        Assert.Equal(TimeSpan.Zero, time!.Value.Offset);
    }

    [Fact]
    public void An_unvalidated_query_is_refused() =>
        Assert.Throws<ArgumentException>(() => StatsRange.Of(new GetStats(null, null, "week"), DateTimeOffset.UnixEpoch));

    private static Granularity Parse(string text) => StatsRange.TryParseGranularity(text, out var granularity) ? granularity : throw new ArgumentException(text);
}
