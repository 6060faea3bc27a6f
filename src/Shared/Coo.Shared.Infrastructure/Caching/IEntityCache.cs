using System.Text.Json.Serialization.Metadata;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// A read-through cache of small read models by id, for hydrating pages in one round trip; the owning module's
/// database stays the source. The owner writes through after each committed change, so a deleted or changed entity
/// is never served once the change is acknowledged: a reader that loaded the old version first can only add it
/// where nothing is cached, and the change overwrites it.
/// </summary>
public interface IEntityCache<T>
    where T : class
{
    /// <summary>The cached entities of <paramref name="ids"/>, the others from <paramref name="load"/> (then cached); removed ones are left out.</summary>
    Task<IReadOnlyList<T>> GetManyAsync(IReadOnlyCollection<long> ids, Func<long[], CancellationToken, Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken);

    /// <summary>
    /// After a committed insert: the new entity, unless something is cached under its id already (a delete's
    /// tombstone may have overtaken it). False when the shared cache could not be written.
    /// </summary>
    Task<bool> AddAsync(T entity, CancellationToken cancellationToken);

    /// <summary>After a committed change: the entity's new version. False when the shared cache could not be written.</summary>
    Task<bool> SetAsync(T entity, CancellationToken cancellationToken);

    /// <summary>After a committed delete: remembered as gone for as long as an old copy could still be written back. False when the shared cache could not be written.</summary>
    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken);
}

/// <summary>
/// What an entity cache needs to know of its type: a name for its keys, the id of an entity, how long to keep one, and
/// its JSON contract for the shared cache, from the owning module's source-generated context (no reflection per value).
/// </summary>
public sealed record EntityCacheOptions<T>(string Name, Func<T, long> IdOf, TimeSpan TimeToLive, JsonTypeInfo<T> Json);
