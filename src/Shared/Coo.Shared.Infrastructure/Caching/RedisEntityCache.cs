using System.Text.Json;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// The entity cache of server mode, shared by every instance: one UTF-8 JSON value per key, <c>{prefix}e:{name}:{id}</c>.
/// Loads are added with SET NX, so they never overwrite a write-through; a delete leaves a tombstone. Every key is its
/// own, and a page is read with one MGET (on a Redis Cluster, where a page's keys spread over slots, that would be one
/// MGET per slot).
/// </summary>
internal sealed class RedisEntityCache<T>(ResilientRedis redis, EntityCacheOptions<T> options) : IEntityCache<T>
    where T : class
{
    private const string Tombstone = "-";

    private readonly string _keyPrefix = $"{redis.KeyPrefix}e:{options.Name}:";

    public async Task<IReadOnlyList<T>> GetManyAsync(IReadOnlyCollection<long> ids, Func<long[], CancellationToken, Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        var (succeeded, values) = await redis.TryReadAsync(db => db.StringGetAsync([.. distinct.Select(Key)]), cancellationToken);
        if (!succeeded || values is null)
        {
            return await load(distinct, cancellationToken);
        }

        var found = new List<T>(distinct.Length);
        var missing = new List<long>();
        for (var i = 0; i < distinct.Length; i++)
        {
            var value = values[i];
            if (value.IsNull)
            {
                missing.Add(distinct[i]);
            }
            else if (value != Tombstone)
            {
                found.Add(JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, options.Json)!);
            }
        }

        if (missing.Count > 0)
        {
            var loaded = await load([.. missing], cancellationToken);
            await WriteAsync(When.NotExists, loaded.Select(e => (options.IdOf(e), Json(e))), cancellationToken);
            found.AddRange(loaded);
        }

        return found;
    }

    public Task<bool> AddAsync(T entity, CancellationToken cancellationToken) =>
        WriteAsync(When.NotExists, [(options.IdOf(entity), Json(entity))], cancellationToken);

    public Task<bool> SetAsync(T entity, CancellationToken cancellationToken) =>
        WriteAsync(When.Always, [(options.IdOf(entity), Json(entity))], cancellationToken);

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(When.Always, [(id, Tombstone)], cancellationToken);

    private RedisValue Json(T entity) => JsonSerializer.SerializeToUtf8Bytes(entity, options.Json);

    private Task<bool> WriteAsync(When when, IEnumerable<(long Id, RedisValue Value)> entries, CancellationToken cancellationToken)
    {
        var writes = entries.ToArray();
        return writes.Length == 0
            ? Task.FromResult(true)
            : redis.TryWriteAsync(
                db =>
                {
                    var batch = db.CreateBatch();
                    var sets = writes.Select(e => batch.StringSetAsync(Key(e.Id), e.Value, options.TimeToLive, when)).ToArray();
                    batch.Execute();
                    return Task.WhenAll(sets);
                },
                cancellationToken);
    }

    private RedisKey Key(long id) => _keyPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
