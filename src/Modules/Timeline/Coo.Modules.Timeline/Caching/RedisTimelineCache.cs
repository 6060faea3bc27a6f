using System.Globalization;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.Modules.Timeline.Caching;

/// <summary>
/// Home timelines in Redis: one sorted set per owner with the newest <see cref="TimelineOptions.MaxEntries"/> coo ids
/// as zero-padded members, ordered by value (exact for 64-bit ids, which a score would not be). Its lowest member is a
/// marker saying whether the set holds the whole timeline. Sets expire when unread, so inactive users cost nothing:
/// fan-out writes only to sets that exist, and a returning user's set is rebuilt from the database.
/// <para>
/// A rebuild cannot overwrite a newer change: a miss starts a generation counter for the owner, every change bumps
/// it, and the rebuilt set is stored only if the generation is still the one the miss saw.
/// </para>
/// </summary>
internal sealed class RedisTimelineCache(ResilientRedis redis, IOptions<TimelineOptions> options, CooMetrics metrics) : ITimelineCache
{
    private const string WholeTimeline = "0000000000000000000";
    private const string NewestOnly = "0000000000000000001";
    private const int OwnersPerScript = 500;
    private static readonly TimeSpan RebuildWindow = TimeSpan.FromMinutes(1);

    private const string Keys = """
        local epoch = redis.call('GET', KEYS[1]) or '0'
        local function timeline(owner) return 'coo:tl:' .. epoch .. ':' .. owner end
        local function generation(owner) return 'coo:tl-gen:' .. epoch .. ':' .. owner end
        local function changed(owner)
          local gen = generation(owner)
          if redis.call('EXISTS', gen) == 1 then redis.call('INCR', gen) end
        end

        """;

    // ARGV: owner, newest bound, limit, time to live, rebuild window. Hit: {1, whole?, ids…}; miss: {0, epoch, generation}.
    private const string ReadScript = Keys + """
        local key = timeline(ARGV[1])
        if redis.call('EXPIRE', key, ARGV[4]) == 1 then
          local whole = redis.call('ZRANGE', key, 0, 0)[1] == '0000000000000000000' and 1 or 0
          local ids = redis.call('ZREVRANGEBYLEX', key, ARGV[2], '(0000000000000000001', 'LIMIT', 0, ARGV[3])
          table.insert(ids, 1, whole)
          table.insert(ids, 1, 1)
          return ids
        end
        local gen = redis.call('INCR', generation(ARGV[1]))
        redis.call('EXPIRE', generation(ARGV[1]), ARGV[5])
        return {0, epoch, gen}
        """;

    // ARGV: owner, epoch, generation, time to live, marker, ids…
    private const string FillScript = Keys + """
        if epoch ~= ARGV[2] or redis.call('GET', generation(ARGV[1])) ~= ARGV[3] then return 0 end
        local key = timeline(ARGV[1])
        redis.call('DEL', key, generation(ARGV[1]))
        redis.call('ZADD', key, 0, ARGV[5])
        for i = 6, #ARGV do redis.call('ZADD', key, 0, ARGV[i]) end
        redis.call('EXPIRE', key, ARGV[4])
        return 1
        """;

    // ARGV: coo id, max entries, owners…
    private const string AddScript = Keys + """
        local keep = tonumber(ARGV[2])
        for i = 3, #ARGV do
          local key = timeline(ARGV[i])
          if redis.call('EXISTS', key) == 1 then
            redis.call('ZADD', key, 0, ARGV[1])
            if redis.call('ZREMRANGEBYRANK', key, 1, -(keep + 1)) > 0 and redis.call('ZREM', key, '0000000000000000000') == 1 then
              redis.call('ZADD', key, 0, '0000000000000000001')
            end
          end
          changed(ARGV[i])
        end
        return 1
        """;

    // ARGV: coo id, owners…
    private const string RemoveScript = Keys + """
        for i = 2, #ARGV do
          redis.call('ZREM', timeline(ARGV[i]), ARGV[1])
          changed(ARGV[i])
        end
        return 1
        """;

    // ARGV: owner
    private const string ForgetScript = Keys + """
        redis.call('DEL', timeline(ARGV[1]))
        changed(ARGV[1])
        return 1
        """;

    private static readonly RedisKey[] EpochKey = [ResilientRedis.EpochKey];

    private readonly long _timeToLive = (long)options.Value.CacheTimeToLive.TotalSeconds;

    public async Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforeCooId, int limit, CancellationToken cancellationToken)
    {
        RedisValue newest = beforeCooId is { } before ? "(" + Member(before) : "+";
        var (succeeded, result) = await redis.TryReadAsync(
            db => db.ScriptEvaluateAsync(ReadScript, EpochKey, [ownerId, newest, limit, _timeToLive, (long)RebuildWindow.TotalSeconds]),
            cancellationToken);
        if (!succeeded || result is null)
        {
            // The database answers instead: for the hit ratio that is a miss like any other.
            metrics.TimelineCacheMiss();
            return CachedTimelineRead.Unavailable;
        }

        var values = (RedisResult[])result!;
        if ((long)values[0] == 0)
        {
            metrics.TimelineCacheMiss();
            return new CachedTimelineRead(null, false, new TimelineRebuildTicket(ownerId, (string)values[1]!, (long)values[2]));
        }

        metrics.TimelineCacheHit();
        var ids = values.Skip(2).Select(v => long.Parse((string)v!, CultureInfo.InvariantCulture)).ToList();
        return new CachedTimelineRead(ids, ReachesBottom: (long)values[1] == 1, Ticket: null);
    }

    public Task FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<long> newestCooIds, bool reachesBottom, CancellationToken cancellationToken)
    {
        RedisValue[] arguments =
        [
            ticket.OwnerId, ticket.Epoch, ticket.Generation, _timeToLive, reachesBottom ? WholeTimeline : NewestOnly,
            .. newestCooIds.Select(id => (RedisValue)Member(id)),
        ];
        return redis.TryWriteAsync(db => db.ScriptEvaluateAsync(FillScript, EpochKey, arguments), cancellationToken);
    }

    public async Task AddAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken)
    {
        foreach (var owners in ownerIds.Chunk(OwnersPerScript))
        {
            RedisValue[] arguments = [Member(cooId), options.Value.MaxEntries, .. owners.Select(o => (RedisValue)o)];
            await redis.TryWriteAsync(db => db.ScriptEvaluateAsync(AddScript, EpochKey, arguments), cancellationToken);
        }
    }

    public async Task RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken)
    {
        foreach (var owners in ownerIds.Chunk(OwnersPerScript))
        {
            RedisValue[] arguments = [Member(cooId), .. owners.Select(o => (RedisValue)o)];
            await redis.TryWriteAsync(db => db.ScriptEvaluateAsync(RemoveScript, EpochKey, arguments), cancellationToken);
        }
    }

    public Task ForgetAsync(long ownerId, CancellationToken cancellationToken) =>
        redis.TryWriteAsync(db => db.ScriptEvaluateAsync(ForgetScript, EpochKey, [ownerId]), cancellationToken);

    /// <summary>Fixed width, so that the order of the strings is the order of the ids.</summary>
    private static string Member(long cooId) => cooId.ToString("D19", CultureInfo.InvariantCulture);
}
