using Microsoft.Extensions.Caching.Memory;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>The in-process entity cache of the embedded mode (one instance, so no other copy to keep in step).</summary>
internal sealed class MemoryEntityCache<T>(IMemoryCache memory, EntityCacheOptions<T> options) : IEntityCache<T>
    where T : class
{
    private static readonly object Gone = new();

    // Makes "add unless something is cached" atomic against a concurrent write-through.
    private readonly Lock _writes = new();

    public async Task<IReadOnlyList<T>> GetManyAsync(IReadOnlyCollection<long> ids, Func<long[], CancellationToken, Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken)
    {
        var found = new List<T>(ids.Count);
        var missing = new List<long>();
        foreach (var id in ids.Distinct())
        {
            if (!memory.TryGetValue(Key(id), out var cached))
            {
                missing.Add(id);
            }
            else if (cached is T entity)
            {
                found.Add(entity);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var loaded = await load([.. missing], cancellationToken);
        Add(loaded);
        found.AddRange(loaded);
        return found;
    }

    public Task<bool> AddAsync(T entity, CancellationToken cancellationToken)
    {
        Add([entity]);
        return Task.FromResult(true);
    }

    public Task<bool> SetAsync(T entity, CancellationToken cancellationToken) => Write(options.IdOf(entity), entity);

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) => Write(id, Gone);

    private void Add(IEnumerable<T> entities)
    {
        lock (_writes)
        {
            foreach (var entity in entities)
            {
                var key = Key(options.IdOf(entity));
                if (!memory.TryGetValue(key, out _))
                {
                    memory.Set(key, entity, options.TimeToLive);
                }
            }
        }
    }

    private Task<bool> Write(long id, object value)
    {
        lock (_writes)
        {
            memory.Set(Key(id), value, options.TimeToLive);
        }

        return Task.FromResult(true);
    }

    private (string, long) Key(long id) => (options.Name, id);
}
