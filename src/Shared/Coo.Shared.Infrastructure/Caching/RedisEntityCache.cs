using System.Text.Json;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// The entity cache of server mode, shared by every instance: JSON values under <c>coo:e:{epoch}:{name}:{id}</c>.
/// Loads are added with SET NX, so they never overwrite a write-through; a delete leaves a tombstone.
/// </summary>
internal sealed class RedisEntityCache<T>(ResilientRedis redis, EntityCacheOptions<T> options) : IEntityCache<T>
    where T : class
{
    private const string Tombstone = "-";

    // ARGV: name, ids… Returns {epoch, value or false…}.
    private const string GetScript = """
        local epoch = redis.call('GET', KEYS[1]) or '0'
        local keys = {}
        for i = 2, #ARGV do keys[#keys + 1] = 'coo:e:' .. epoch .. ':' .. ARGV[1] .. ':' .. ARGV[i] end
        local values = redis.call('MGET', unpack(keys))
        table.insert(values, 1, epoch)
        return values
        """;

    // ARGV: name, epoch (or '' for the current one), only-if-absent (1/0), seconds to live, then id, value pairs.
    private const string SetScript = """
        local epoch = ARGV[2] ~= '' and ARGV[2] or (redis.call('GET', KEYS[1]) or '0')
        for i = 5, #ARGV, 2 do
          local key = 'coo:e:' .. epoch .. ':' .. ARGV[1] .. ':' .. ARGV[i]
          if ARGV[3] == '1' then
            redis.call('SET', key, ARGV[i + 1], 'EX', ARGV[4], 'NX')
          else
            redis.call('SET', key, ARGV[i + 1], 'EX', ARGV[4])
          end
        end
        return 1
        """;

    private static readonly RedisKey[] EpochKey = [ResilientRedis.EpochKey];
    private readonly long _timeToLive = (long)options.TimeToLive.TotalSeconds;

    public async Task<IReadOnlyList<T>> GetManyAsync(IReadOnlyCollection<long> ids, Func<long[], CancellationToken, Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        var (succeeded, result) = await redis.TryReadAsync(
            db => db.ScriptEvaluateAsync(GetScript, EpochKey, [options.Name, .. distinct.Select(id => (RedisValue)id)]), cancellationToken);
        if (!succeeded || result is null)
        {
            return await load(distinct, cancellationToken);
        }

        var values = (RedisResult[])result!;
        var found = new List<T>(distinct.Length);
        var missing = new List<long>();
        for (var i = 0; i < distinct.Length; i++)
        {
            var value = (string?)values[i + 1];
            if (value is null)
            {
                missing.Add(distinct[i]);
            }
            else if (value != Tombstone)
            {
                found.Add(JsonSerializer.Deserialize<T>(value)!);
            }
        }

        if (missing.Count > 0)
        {
            var loaded = await load([.. missing], cancellationToken);
            await WriteAsync((string)values[0]!, onlyIfAbsent: true, loaded.Select(e => (options.IdOf(e), JsonSerializer.Serialize(e))), cancellationToken);
            found.AddRange(loaded);
        }

        return found;
    }

    public Task SetAsync(T entity, CancellationToken cancellationToken) =>
        WriteAsync("", onlyIfAbsent: false, [(options.IdOf(entity), JsonSerializer.Serialize(entity))], cancellationToken);

    public Task RemoveAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync("", onlyIfAbsent: false, [(id, Tombstone)], cancellationToken);

    private Task WriteAsync(string epoch, bool onlyIfAbsent, IEnumerable<(long Id, string Value)> entries, CancellationToken cancellationToken)
    {
        RedisValue[] arguments =
        [
            options.Name, epoch, onlyIfAbsent ? "1" : "0", _timeToLive,
            .. entries.SelectMany(e => new RedisValue[] { e.Id, e.Value }),
        ];
        return arguments.Length == 4 ? Task.CompletedTask : redis.TryWriteAsync(db => db.ScriptEvaluateAsync(SetScript, EpochKey, arguments), cancellationToken);
    }
}
