using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;

namespace Coo.Modules.Timeline.Caching;

/// <summary>
/// The timeline cache of server mode: the newest page of a hot timeline from this instance's <see cref="NearCache"/>,
/// everything else from Redis. A change is made in Redis first and then drops every instance's copy of the timelines
/// it touched (confirmed by each live instance), so a reader that misses the copy afterwards finds the change in Redis.
/// </summary>
internal sealed class NearTimelineCache(RedisTimelineCache shared, NearCache near, CooMetrics metrics) : ITimelineCache
{
    private const string Name = "timeline";

    public bool SharedAcrossInstances => true;

    public async Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforePosition, int limit, CancellationToken cancellationToken)
    {
        if (beforePosition is not null)
        {
            return await shared.ReadAsync(ownerId, beforePosition, limit, cancellationToken);
        }

        if (near.TryGet<NewestPage>(Name, ownerId, out var page) && page!.Limit >= limit)
        {
            metrics.TimelineCacheHit();
            return new CachedTimelineRead(page.Items.Count > limit ? page.Items.Take(limit).ToList() : page.Items, page.ReachesBottom, Ticket: null);
        }

        var generation = near.Generation;
        var read = await shared.ReadAsync(ownerId, beforePosition: null, limit, cancellationToken);
        if (read.Items is { } items)
        {
            near.Keep(Name, [(ownerId, new NewestPage(items, read.ReachesBottom, limit))], generation);
        }

        return read;
    }

    public Task<bool> FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<TimelineItem> newest, bool reachesBottom, CancellationToken cancellationToken) =>
        shared.FillAsync(ticket, newest, reachesBottom, cancellationToken);

    public async Task<bool> AddAsync(IReadOnlyCollection<AddedCoo> coos, CancellationToken cancellationToken) =>
        await shared.AddAsync(coos, cancellationToken) & await near.InvalidateAsync(Name, [.. coos.SelectMany(c => c.OwnerIds).Distinct()], cancellationToken);

    public async Task<bool> RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        await shared.RemoveAsync(cooId, ownerIds, cancellationToken) & await near.InvalidateAsync(Name, ownerIds, cancellationToken);

    public async Task<bool> ForgetAsync(IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        await shared.ForgetAsync(ownerIds, cancellationToken) & await near.InvalidateAsync(Name, ownerIds, cancellationToken);

    /// <summary>The newest items of a timeline as Redis gave them for a first page of up to <see cref="Limit"/>.</summary>
    private sealed record NewestPage(IReadOnlyList<TimelineItem> Items, bool ReachesBottom, int Limit);
}
