using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Analytics.Features.GetStats;

/// <summary>Every bucket of the range, with zeros where nothing happened, so a chart needs no gap filling.</summary>
internal sealed class GetStatsHandler(AnalyticsDbContext db, TimeProvider time) : IQueryHandler<GetStats, StatsResponse>
{
    public async ValueTask<StatsResponse> Handle(GetStats query, CancellationToken cancellationToken)
    {
        var range = StatsRange.Of(query, time.GetUtcNow());
        var (granularity, first, end) = (range.Granularity, range.FirstBucket, range.End);
        var counts = await db.Counts.AsNoTracking()
            .Where(c => c.Granularity == granularity && c.BucketStart >= first && c.BucketStart < end)
            .Select(c => new { c.BucketStart, c.Metric, c.Value })
            .ToListAsync(cancellationToken);
        var activeUsers = await db.ActiveUsers.AsNoTracking()
            .Where(a => a.Granularity == granularity && a.BucketStart >= first && a.BucketStart < end)
            .GroupBy(a => a.BucketStart)
            .Select(g => new { BucketStart = g.Key, Count = g.Count() })
            .ToDictionaryAsync(a => a.BucketStart, a => a.Count, cancellationToken);
        var byBucket = counts.ToLookup(c => c.BucketStart, c => (c.Metric, c.Value));

        var buckets = Enumerable.Range(0, range.BucketCount).Select(i =>
        {
            var start = first + (i * Buckets.Width(granularity));
            var metrics = byBucket[start].ToDictionary(m => m.Metric, m => m.Value, StringComparer.Ordinal);
            int Count(string metric) => checked((int)metrics.GetValueOrDefault(metric));
            return new StatsBucket(
                new DateTimeOffset(start, TimeSpan.Zero),
                activeUsers.GetValueOrDefault(start),
                Count(Metrics.NewUsers),
                Count(Metrics.CoosPosted),
                Count(Metrics.CoosDeleted),
                Count(Metrics.Follows),
                Count(Metrics.Unfollows),
                Count(Metrics.Likes),
                Count(Metrics.Reposts),
                Count(ClientEventNames.TimelineViewed),
                Count(ClientEventNames.ProfileViewed),
                Count(ClientEventNames.CooComposed),
                Count(ClientEventNames.SignUpStarted));
        }).ToList();
        return new StatsResponse(granularity.ToString().ToLowerInvariant(), new DateTimeOffset(first, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero), buckets);
    }
}
