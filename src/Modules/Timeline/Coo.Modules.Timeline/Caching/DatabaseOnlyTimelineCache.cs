namespace Coo.Modules.Timeline.Caching;

/// <summary>Without Redis (the embedded mode) timelines are read from the database alone, which serves a page by index.</summary>
internal sealed class DatabaseOnlyTimelineCache : ITimelineCache
{
    private static readonly Task<bool> Done = Task.FromResult(true);

    public bool KeepsCopies => false;

    public Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforeCooId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(CachedTimelineRead.Unavailable);

    public Task<bool> FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<long> newestCooIds, bool reachesBottom, CancellationToken cancellationToken) => Done;

    public Task<bool> AddAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) => Done;

    public Task<bool> RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) => Done;

    public Task<bool> ForgetAsync(long ownerId, CancellationToken cancellationToken) => Done;
}
