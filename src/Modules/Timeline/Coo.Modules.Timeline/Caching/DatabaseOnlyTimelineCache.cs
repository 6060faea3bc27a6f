namespace Coo.Modules.Timeline.Caching;

/// <summary>Without Redis (the embedded mode) timelines are read from the database alone, which serves a page by index.</summary>
internal sealed class DatabaseOnlyTimelineCache : ITimelineCache
{
    public Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforeCooId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(CachedTimelineRead.Unavailable);

    public Task FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<long> newestCooIds, bool reachesBottom, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task AddAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ForgetAsync(long ownerId, CancellationToken cancellationToken) => Task.CompletedTask;
}
