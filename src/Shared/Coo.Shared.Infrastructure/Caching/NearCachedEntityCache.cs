namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// The entity cache of server mode: this instance's <see cref="NearCache"/> first, then the shared Redis cache, then
/// the owner's database. Changes go to Redis first and then drop every instance's copy, so a reader that misses the
/// copy afterwards finds the change in Redis.
/// </summary>
internal sealed class NearCachedEntityCache<T>(RedisEntityCache<T> shared, NearCache near, EntityCacheOptions<T> options) : IEntityCache<T>
    where T : class
{
    public async Task<IReadOnlyList<T>> GetManyAsync(IReadOnlyCollection<long> ids, Func<long[], CancellationToken, Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken)
    {
        var generation = near.Generation;
        var found = new List<T>(ids.Count);
        List<long>? missing = null;

        // Sized once: Distinct() grew its set three or four times for a page of ids.
        var seen = new HashSet<long>(ids.Count);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            if (near.TryGet<T>(options.Name, id, out var entity))
            {
                found.Add(entity!);
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is null)
        {
            return found;
        }

        var fetched = await shared.GetManyAsync(missing, load, cancellationToken);
        near.Keep(options.Name, fetched.Select(entity => (options.IdOf(entity), entity)), generation);
        found.AddRange(fetched);
        return found;
    }

    public Task<bool> AddAsync(T entity, CancellationToken cancellationToken) => shared.AddAsync(entity, cancellationToken);

    public async Task<bool> SetAsync(T entity, CancellationToken cancellationToken) =>
        await shared.SetAsync(entity, cancellationToken) & await near.InvalidateAsync(options.Name, [options.IdOf(entity)], cancellationToken);

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) =>
        await shared.RemoveAsync(id, cancellationToken) & await near.InvalidateAsync(options.Name, [id], cancellationToken);
}
