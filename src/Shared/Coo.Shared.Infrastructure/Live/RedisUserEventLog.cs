using System.Globalization;
using Coo.Shared.Infrastructure.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Live;

/// <summary>
/// The user event logs of server mode, shared by every instance: a Redis stream per listening user (so its ids are
/// Redis stream ids), a sorted set of who listens until when, one per user of their open streams (so the limit holds
/// across instances and a crashed instance's streams expire), and one pub/sub channel that wakes the listeners of
/// whichever instance holds them. Appending and ringing is one script: a listener woken reads what woke it.
/// </summary>
internal sealed partial class RedisUserEventLog : IUserEventLog
{
    private const string AppendScript = """
        local now = tonumber(ARGV[1])
        local appended = {}
        for i = 2, #KEYS do
            local user = ARGV[i + 5]
            local listening = redis.call('ZSCORE', KEYS[1], user)
            if listening and tonumber(listening) > now then
                redis.call('XADD', KEYS[i], 'MAXLEN', '~', ARGV[5], '*', 'k', ARGV[2], 's', ARGV[3])
                redis.call('PEXPIRE', KEYS[i], ARGV[4])
                appended[#appended + 1] = user
            end
        end
        if #appended > 0 then
            redis.call('PUBLISH', ARGV[6], table.concat(appended, ','))
        end
        return #appended
        """;

    /// <summary>Opens (or, with ARGV[6] = 0, keeps open) a stream: {accepted, was listening, last id, first id, length}.</summary>
    private const string ListenScript = """
        local now = tonumber(ARGV[1])
        local opening = ARGV[6] == '1'
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
        if opening and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then
            return {0}
        end
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
        redis.call('PEXPIRE', KEYS[2], ARGV[7])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        local was = redis.call('ZSCORE', KEYS[1], ARGV[2])
        redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
        redis.call('PEXPIRE', KEYS[3], ARGV[7])
        local last = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
        local first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
        return {1, was and 1 or 0, #last > 0 and last[1][1] or '0-0', #first > 0 and first[1][1] or '', redis.call('XLEN', KEYS[3])}
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisUserEventLog> _logger;
    private readonly string _prefix;
    private readonly RedisChannel _bells;
    private readonly LocalListeners _listeners = new();
    private readonly Lock _subscribing = new();
    private Task? _subscription;

    public RedisUserEventLog(
        IConnectionMultiplexer connection, IOptions<LiveOptions> options, IOptions<RedisOptions> redis, TimeProvider time, ILogger<RedisUserEventLog> logger)
    {
        _connection = connection;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _prefix = $"{redis.Value.KeyPrefix}live:";
        _bells = RedisChannel.Literal($"{_prefix}bells");

        // Rings sent while this instance was cut off from Redis are lost: its listeners look for themselves.
        connection.ConnectionRestored += (_, _) => _listeners.RingAll();
    }

    private RedisKey Listening => $"{_prefix}listening";

    /// <summary>How long a refreshed listener counts as open: an instance that died stops refreshing, and its streams expire.</summary>
    private TimeSpan StreamLease => _options.Linger;

    public async Task AppendAsync(IReadOnlyCollection<long> userIds, UserEventKind kind, long subjectId, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        RedisKey[] keys = [Listening, .. userIds.Select(LogKey)];
        RedisValue[] arguments =
        [
            _time.GetUtcNow().ToUnixTimeMilliseconds(), (int)kind, subjectId, (long)(2 * _options.Linger).TotalMilliseconds, _options.LogLength,
            _bells.ToString(), .. userIds.Select(id => (RedisValue)id),
        ];
        await _connection.GetDatabase().ScriptEvaluateAsync(AppendScript, keys, arguments).WaitAsync(cancellationToken);
    }

    public async Task<IUserEventListener?> ListenAsync(long userId, UserEventId? lastEventId, CancellationToken cancellationToken)
    {
        try
        {
            await SubscribedAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new LiveEventsUnavailableException(ex);
        }

        var streamId = Guid.NewGuid().ToString("N");
        var (bell, user) = _listeners.Add(userId);
        try
        {
            var opened = await KeepOpenAsync(userId, streamId, opening: true, cancellationToken);
            if (opened is null)
            {
                _listeners.Remove(userId, bell);
                return null;
            }

            var (wasListening, lastId, firstId, length) = opened.Value;
            var resumable = lastEventId is { } last && wasListening && last <= lastId
                && (length < _options.LogLength || firstId is not { } first || last >= first);
            var cursor = resumable ? lastEventId!.Value : lastId;
            return new Listener(this, userId, streamId, bell, user, cursor, Gap: lastEventId is not null && !resumable);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _listeners.Remove(userId, bell);
            throw new LiveEventsUnavailableException(ex);
        }
        catch
        {
            _listeners.Remove(userId, bell);
            throw;
        }
    }

    private RedisKey LogKey(long userId) => $"{_prefix}log:{userId}";

    private RedisKey StreamsKey(long userId) => $"{_prefix}streams:{userId}";

    private async Task<(bool WasListening, UserEventId LastId, UserEventId? FirstId, long Length)?> KeepOpenAsync(
        long userId, string streamId, bool opening, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var answer = (RedisResult[])(await _connection.GetDatabase().ScriptEvaluateAsync(
            ListenScript,
            [Listening, StreamsKey(userId), LogKey(userId)],
            [now, userId, streamId, now + (long)StreamLease.TotalMilliseconds, _options.MaxStreamsPerUser, opening ? 1 : 0, (long)(2 * _options.Linger).TotalMilliseconds])
            .WaitAsync(cancellationToken))!;
        if ((int)answer[0] == 0)
        {
            return null;
        }

        var lastId = UserEventId.TryParse((string?)answer[2], out var newest) ? newest : UserEventId.Start;
        UserEventId? firstId = UserEventId.TryParse((string?)answer[3], out var first) ? first : null;
        return ((int)answer[1] == 1, lastId, firstId, (long)answer[4]);
    }

    /// <summary>The one subscription of this instance, made by the first stream; tried again by the next after it failed.</summary>
    private Task SubscribedAsync()
    {
        lock (_subscribing)
        {
            if (_subscription is null or { IsFaulted: true } or { IsCanceled: true })
            {
                _subscription = SubscribeAsync();
            }

            return _subscription;
        }
    }

    private async Task SubscribeAsync()
    {
        await _connection.GetSubscriber().SubscribeAsync(_bells, (_, message) =>
        {
            var ids = ((string?)message ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            _listeners.Ring(ids.Select(id => long.Parse(id, CultureInfo.InvariantCulture)));
        });
        LogSubscribed(_bells.ToString());
    }

    [LoggerMessage(LogLevel.Information, "Live events: listening on Redis channel {Channel}")]
    private partial void LogSubscribed(string channel);

    /// <summary>The log's events after <paramref name="after"/>; not cancelled with any one stream, as a user's streams share it.</summary>
    private async Task<IReadOnlyList<UserEvent>> ReadAsync(long userId, UserEventId after)
    {
        var entries = await _connection.GetDatabase().StreamRangeAsync(LogKey(userId), $"({after}", "+", _options.LogLength);
        List<UserEvent> events = [];
        foreach (var entry in entries)
        {
            if (UserEventId.TryParse((string?)entry.Id, out var id))
            {
                events.Add(new UserEvent(id, (UserEventKind)(int)entry["k"], (long)entry["s"]));
            }
        }

        return events;
    }

    [LoggerMessage(LogLevel.Warning, "Live events: reading user {UserId}'s log failed; the stream stays open and tries again")]
    private partial void LogReadFailed(long userId, Exception exception);

    private sealed class Listener(RedisUserEventLog owner, long userId, string streamId, Bell bell, LocalUser user, UserEventId cursor, bool Gap) : IUserEventListener
    {
        /// <summary>How soon a stream tries again after the shared log did not answer.</summary>
        private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

        private bool _gap = Gap;
        private long _refreshedAt = owner._time.GetTimestamp();

        private TimeSpan RefreshInterval => owner.StreamLease / 3;

        /// <remarks>
        /// Redis failing for a moment (a timeout in a burst, a failover) costs the stream a delay, not its connection:
        /// the events wait in the log after its cursor. Should its lease run out meanwhile, the user's events may have
        /// been skipped, and the stream says so (<see cref="UserEventBatch.Gap"/>).
        /// </remarks>
        public async Task<UserEventBatch> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            var started = owner._time.GetTimestamp();
            while (true)
            {
                var failed = false;
                try
                {
                    await KeepOpenWhenDueAsync(cancellationToken);
                    var batch = await TakeAsync(cancellationToken);
                    if (batch.Events.Count > 0 || batch.Gap)
                    {
                        return batch;
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    owner.LogReadFailed(userId, ex);
                    failed = true;
                }

                var left = wait - owner._time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return new UserEventBatch([], Gap: false);
                }

                // However long the wait, the stream's lease is renewed in time.
                var untilRefresh = RefreshInterval - owner._time.GetElapsedTime(_refreshedAt);
                TimeSpan[] waits = [left, untilRefresh < TimeSpan.Zero ? TimeSpan.Zero : untilRefresh, failed ? RetryAfterFailure : left];
                await bell.WaitAsync(waits.Min(), cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            owner._listeners.Remove(userId, bell);
            try
            {
                // The user keeps listening for the linger; only this stream no longer counts towards the limit.
                await owner._connection.GetDatabase().SortedSetRemoveAsync(owner.StreamsKey(userId), streamId);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Its lease runs out by itself.
            }
        }

        private async Task KeepOpenWhenDueAsync(CancellationToken cancellationToken)
        {
            if (owner._time.GetElapsedTime(_refreshedAt) >= RefreshInterval)
            {
                var kept = await owner.KeepOpenAsync(userId, streamId, opening: false, cancellationToken);
                _gap |= kept is { WasListening: false };
                _refreshedAt = owner._time.GetTimestamp();
            }
        }

        private async Task<UserEventBatch> TakeAsync(CancellationToken cancellationToken)
        {
            var events = await user.ReadAsync(cursor, after => owner.ReadAsync(userId, after)).WaitAsync(cancellationToken);
            if (events.Count > 0)
            {
                cursor = events[^1].Id;
            }

            var batch = new UserEventBatch(events, _gap);
            _gap = false;
            return batch;
        }
    }
}
