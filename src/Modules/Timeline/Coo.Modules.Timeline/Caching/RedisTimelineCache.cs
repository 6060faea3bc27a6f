using System.Globalization;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.Modules.Timeline.Caching;

/// <summary>
/// Home timelines in Redis: one sorted set per owner with its newest <see cref="TimelineOptions.MaxEntries"/> items as
/// members that start with their zero-padded position, ordered by value (exact for 64-bit ids, which a score would not
/// be): a coo in its own right is its id alone, a repost is <c>position:coo:reposter</c>. Its lowest member is a
/// marker saying whether the set holds the whole timeline. Sets expire when unread, so inactive users cost nothing:
/// fan-out writes only to sets that exist, and a returning user's set is rebuilt from the database.
/// <para>
/// A rebuild cannot overwrite a newer change: a miss starts a generation counter for the owner, every change bumps
/// it, and the rebuilt set is stored only if the generation is still the one the miss saw.
/// </para>
/// <para>
/// Keys are <c>{prefix}tl:{owner}</c> and <c>{prefix}tl-gen:{owner}</c>: the braces are a Redis Cluster hash tag, so an
/// owner's two keys share a slot, and every script is given exactly those two in <c>KEYS</c>. A change to many
/// timelines is one script call per owner, pipelined.
/// </para>
/// </summary>
internal sealed class RedisTimelineCache(ResilientRedis redis, IOptions<TimelineOptions> options, CooMetrics metrics) : ITimelineCache
{
    private const string WholeTimeline = "0000000000000000000";
    private const string NewestOnly = "0000000000000000001";
    private static readonly TimeSpan RebuildWindow = TimeSpan.FromMinutes(1);

    // Every script: KEYS[1] the owner's timeline, KEYS[2] its generation counter.
    private const string Changed = """
        local function changed()
          if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('INCR', KEYS[2]) end
        end

        """;

    // ARGV: newest bound, limit, time to live, rebuild window. Hit: {1, whole?, ids…}; miss: {0, generation}.
    private const string ReadScript = """
        if redis.call('EXPIRE', KEYS[1], ARGV[3]) == 1 then
          local whole = redis.call('ZRANGE', KEYS[1], 0, 0)[1] == '0000000000000000000' and 1 or 0
          local ids = redis.call('ZREVRANGEBYLEX', KEYS[1], ARGV[1], '(0000000000000000001', 'LIMIT', 0, ARGV[2])
          table.insert(ids, 1, whole)
          table.insert(ids, 1, 1)
          return ids
        end
        local gen = redis.call('INCR', KEYS[2])
        redis.call('EXPIRE', KEYS[2], ARGV[4])
        return {0, gen}
        """;

    // ARGV: generation, time to live, marker, ids…
    private const string FillScript = """
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('ZADD', KEYS[1], 0, ARGV[3])
        for i = 4, #ARGV do redis.call('ZADD', KEYS[1], 0, ARGV[i]) end
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    // ARGV: coo id, max entries.
    private const string AddScript = Changed + """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('ZADD', KEYS[1], 0, ARGV[1])
          if redis.call('ZREMRANGEBYRANK', KEYS[1], 1, -(tonumber(ARGV[2]) + 1)) > 0 and redis.call('ZREM', KEYS[1], '0000000000000000000') == 1 then
            redis.call('ZADD', KEYS[1], 0, '0000000000000000001')
          end
        end
        changed()
        return 1
        """;

    // ARGV: coo id.
    private const string RemoveScript = Changed + """
        redis.call('ZREM', KEYS[1], ARGV[1])
        changed()
        return 1
        """;

    private const string ForgetScript = Changed + """
        redis.call('DEL', KEYS[1])
        changed()
        return 1
        """;

    private readonly long _timeToLive = (long)options.Value.CacheTimeToLive.TotalSeconds;

    public bool SharedAcrossInstances => true;

    public async Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforePosition, int limit, CancellationToken cancellationToken)
    {
        RedisValue newest = beforePosition is { } before ? "(" + Member(before) : "+";
        var (succeeded, result) = await redis.TryReadAsync(
            db => db.ScriptEvaluateAsync(ReadScript, Keys(ownerId), [newest, limit, _timeToLive, (long)RebuildWindow.TotalSeconds]),
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
            return new CachedTimelineRead(null, false, new TimelineRebuildTicket(ownerId, (long)values[1]));
        }

        metrics.TimelineCacheHit();
        var items = values.Skip(2).Select(v => Item((string)v!)).ToList();
        return new CachedTimelineRead(items, ReachesBottom: (long)values[1] == 1, Ticket: null);
    }

    public Task<bool> FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<TimelineItem> newest, bool reachesBottom, CancellationToken cancellationToken)
    {
        RedisValue[] arguments =
        [
            ticket.Generation, _timeToLive, reachesBottom ? WholeTimeline : NewestOnly,
            .. newest.Select(item => (RedisValue)Member(item)),
        ];
        return redis.TryWriteAsync(db => db.ScriptEvaluateAsync(FillScript, Keys(ticket.OwnerId), arguments), cancellationToken);
    }

    public Task<bool> AddAsync(IReadOnlyCollection<AddedCoo> coos, CancellationToken cancellationToken) =>
        RunAsync(
            [.. coos.SelectMany(coo => coo.OwnerIds.Select(owner => new ScriptCall(owner, AddScript, [Member(coo.CooId), options.Value.MaxEntries])))],
            cancellationToken);

    public Task<bool> RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        RunAsync([.. ownerIds.Select(owner => new ScriptCall(owner, RemoveScript, [Member(cooId)]))], cancellationToken);

    public Task<bool> ForgetAsync(IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        RunAsync([.. ownerIds.Select(owner => new ScriptCall(owner, ForgetScript, []))], cancellationToken);

    /// <summary>One script call per owner's change (each touches only that owner's slot), sent as one pipelined batch.</summary>
    private Task<bool> RunAsync(IReadOnlyList<ScriptCall> calls, CancellationToken cancellationToken) =>
        calls.Count == 0
            ? Task.FromResult(true)
            : redis.TryWriteAsync(
                db =>
                {
                    var batch = db.CreateBatch();
                    var sent = calls.Select(call => batch.ScriptEvaluateAsync(call.Script, Keys(call.OwnerId), call.Arguments)).ToArray();
                    batch.Execute();
                    return Task.WhenAll(sent);
                },
                cancellationToken);

    private readonly record struct ScriptCall(long OwnerId, string Script, RedisValue[] Arguments);

    private RedisKey[] Keys(long ownerId)
    {
        var tag = "{" + ownerId.ToString(CultureInfo.InvariantCulture) + "}";
        return [redis.KeyPrefix + "tl:" + tag, redis.KeyPrefix + "tl-gen:" + tag];
    }

    /// <summary>Fixed width, so that the order of the strings is the order of the positions.</summary>
    private static string Member(long position) => position.ToString("D19", CultureInfo.InvariantCulture);

    private static string Member(TimelineItem item) => item.RepostedById is { } reposter
        ? string.Create(CultureInfo.InvariantCulture, $"{Member(item.Position)}:{item.CooId}:{reposter}")
        : Member(item.Position);

    private static TimelineItem Item(string member)
    {
        if (member.Split(':') is [var position, var coo, var reposter])
        {
            return new TimelineItem(long.Parse(position, CultureInfo.InvariantCulture), long.Parse(coo, CultureInfo.InvariantCulture), long.Parse(reposter, CultureInfo.InvariantCulture));
        }

        return TimelineItem.Original(long.Parse(member, CultureInfo.InvariantCulture));
    }
}
