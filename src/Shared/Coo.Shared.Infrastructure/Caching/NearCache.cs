using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// Each instance's in-process copy of entity-cache values (server mode), so that a hot read needs no Redis round trip
/// for them. It stays coherent with every other instance through one Redis pub/sub channel:
/// <list type="bullet">
/// <item>A change is acknowledged only once every live instance has confirmed it dropped its copy (or has stopped
/// being live); a reader that loaded the old value meanwhile keeps nothing (the generation moved).</item>
/// <item>An instance is live while it hears its own beats through the channel: a copy is served only within
/// <see cref="RedisOptions.OperationTimeout"/> of the last beat heard, and after any gap in hearing them the whole copy is
/// dropped, since invalidations may have been missed. Redis away or the subscription broken therefore costs speed, never staleness.</item>
/// </list>
/// </summary>
public sealed partial class NearCache : BackgroundService
{
    private readonly IConnectionMultiplexer _connection;
    private readonly ResilientRedis _redis;
    private readonly ILogger<NearCache> _logger;
    private readonly RedisChannel _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly long _leaseTicks;

    // A page reads some forty entries: keys that need no boxing, and lookups without a clock read, matter here.
    private readonly ICache<(string Name, long Id), object> _entries;
    private readonly ConcurrentDictionary<string, long> _peerLeaseEnds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingInvalidation> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action<IReadOnlyCollection<long>?>> _followers = new(StringComparer.Ordinal);
    private readonly Lock _lease = new();
    private long _leaseEnd;
    private long _generation;

    public NearCache(IConnectionMultiplexer connection, ResilientRedis redis, IOptions<RedisOptions> options, ILogger<NearCache> logger)
    {
        _connection = connection;
        _redis = redis;
        _logger = logger;
        _channel = RedisChannel.Literal($"{options.Value.KeyPrefix}near-cache");
        _leaseTicks = (long)(options.Value.OperationTimeout.TotalSeconds * Stopwatch.Frequency);
        TimeToLive = options.Value.NearCacheTimeToLive;
        _entries = new ConcurrentLruBuilder<(string Name, long Id), object>()
            .WithCapacity((int)options.Value.NearCacheEntries)
            .WithExpireAfterWrite(TimeToLive)
            .Build();
        BeatInterval = options.Value.OperationTimeout / 3;
    }

    private TimeSpan BeatInterval { get; }

    /// <summary>Longest a copy is served, however often it is read; changes drop it at once.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>Moves with every invalidation heard and every drop of the whole copy; a load keeps its result only if it did not move.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>While this instance hears the channel: every invalidation since reaches it.</summary>
    public bool IsLive => Stopwatch.GetTimestamp() < Interlocked.Read(ref _leaseEnd);

    public bool TryGet<T>(string name, long id, out T? value)
        where T : class
    {
        value = IsLive && _entries.TryGet((name, id), out var cached) ? cached as T : null;
        return value is not null;
    }

    /// <summary>Keeps values loaded since <paramref name="generation"/> was read, unless something was invalidated meanwhile.</summary>
    public void Keep<T>(string name, IEnumerable<(long Id, T Value)> values, long generation)
        where T : class
    {
        if (!IsLive || Generation != generation)
        {
            return;
        }

        var kept = values.ToList();
        foreach (var (id, value) in kept)
        {
            _entries.AddOrUpdate((name, id), value);
        }

        // An invalidation between the check above and the sets found nothing to drop yet: take them back.
        if (Generation != generation)
        {
            Drop(name, [.. kept.Select(entry => entry.Id)]);
        }
    }

    /// <summary>
    /// Keeps a cache the near cache cannot hold itself (values weighed by their size, say) coherent through this channel:
    /// <paramref name="drop"/> is given the ids of every invalidation of <paramref name="name"/> heard, and null when
    /// everything must go, after a gap in hearing the channel.
    /// </summary>
    public void Follow(string name, Action<IReadOnlyCollection<long>?> drop) => _followers[name] = drop;

    /// <summary>
    /// After the shared cache holds the change: drops every live instance's copy of the entities. False when that could
    /// not be confirmed in time (the caller's durable consumer repeats it).
    /// </summary>
    public async Task<bool> InvalidateAsync(string name, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return true;
        }

        Drop(name, ids);
        var nonce = Guid.NewGuid().ToString("N");
        var pending = new PendingInvalidation();
        _pending[nonce] = pending;
        try
        {
            var message = string.Join('|', "i", _instance, nonce, name, string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))));
            var (published, receivers) = await _redis.TryReadAsync(db => db.PublishAsync(_channel, message), cancellationToken);
            if (!published)
            {
                return false;
            }

            var deadline = Stopwatch.GetTimestamp() + (2 * _leaseTicks);
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                var waitingFor = _peerLeaseEnds.Where(peer => peer.Value > now && !pending.HasAcknowledged(peer.Key)).Select(peer => peer.Value).ToList();
                if (waitingFor.Count == 0 && pending.Acknowledgements >= receivers)
                {
                    return true;
                }

                if (now >= deadline)
                {
                    LogInvalidationUnconfirmed(name, ids.Count);
                    return false;
                }

                var until = waitingFor.Count == 0 ? deadline : Math.Min(deadline, waitingFor.Min());
                await pending.WaitForAcknowledgementAsync(Stopwatch.GetElapsedTime(now, until), cancellationToken);
            }
        }
        finally
        {
            _pending.TryRemove(nonce, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = _connection.GetSubscriber();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The client subscribes again by itself after a reconnect; a beat only counts once heard through it.
                await subscriber.SubscribeAsync(_channel, (_, message) => OnMessage(message));
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSubscribeFailed(ex.Message);
                await Task.Delay(BeatInterval, stoppingToken);
            }
        }

        using var beats = new PeriodicTimer(BeatInterval);
        do
        {
            var sent = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
            try
            {
                await subscriber.PublishAsync(_channel, $"b|{_instance}|{sent}").WaitAsync(BeatInterval, stoppingToken);
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A lost beat is the signal itself: without beats heard the lease runs out and the copy is not served.
            }
        }
        while (await beats.WaitForNextTickAsync(stoppingToken) && ForgetStoppedPeers());
    }

    private void OnMessage(RedisValue message)
    {
        var parts = ((string?)message ?? string.Empty).Split('|');
        switch (parts)
        {
            case ["b", var instance, var sent] when instance == _instance:
                OnOwnBeat(long.Parse(sent, CultureInfo.InvariantCulture));
                break;
            case ["b", var instance, _]:
                _peerLeaseEnds[instance] = Stopwatch.GetTimestamp() + _leaseTicks;
                break;
            case ["i", var origin, var nonce, _, _] when origin == _instance:
                // Our own invalidation, heard: the copy was dropped when it was sent, and hearing it is what counts this
                // instance among its receivers. Acknowledged here rather than by one more round trip through Redis.
                if (_pending.TryGetValue(nonce, out var own))
                {
                    own.Acknowledge(_instance);
                }

                break;
            case ["i", var origin, var nonce, var name, var ids]:
                Drop(name, [.. ids.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture))]);
                _connection.GetSubscriber().Publish(_channel, $"a|{origin}|{nonce}|{_instance}", CommandFlags.FireAndForget);
                break;
            case ["a", var origin, var nonce, var responder] when origin == _instance:
                if (_pending.TryGetValue(nonce, out var pending))
                {
                    pending.Acknowledge(responder);
                }

                break;
        }
    }

    /// <summary>Peers whose lease ran out are waited for no longer; forgetting them keeps the list to the live ones.</summary>
    private bool ForgetStoppedPeers()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var peer in _peerLeaseEnds.Where(peer => peer.Value < now))
        {
            _peerLeaseEnds.TryRemove(peer);
        }

        return true;
    }

    private void OnOwnBeat(long sent)
    {
        lock (_lease)
        {
            if (Interlocked.Read(ref _leaseEnd) < sent)
            {
                // Not heard for longer than the lease: invalidations may have been missed meanwhile.
                _entries.Clear();
                Interlocked.Increment(ref _generation);
                foreach (var drop in _followers.Values)
                {
                    drop(null);
                }
            }

            Interlocked.Exchange(ref _leaseEnd, Math.Max(Interlocked.Read(ref _leaseEnd), sent + _leaseTicks));
        }
    }

    private void Drop(string name, IReadOnlyCollection<long> ids)
    {
        Interlocked.Increment(ref _generation);
        foreach (var id in ids)
        {
            _entries.TryRemove((name, id));
        }

        if (_followers.TryGetValue(name, out var drop))
        {
            drop(ids);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The near cache could not subscribe to its invalidations yet; it serves nothing until it does: {Reason}")]
    private partial void LogSubscribeFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Not every instance confirmed dropping {Count} {Name} in time; its durable consumer repeats the invalidation")]
    private partial void LogInvalidationUnconfirmed(string name, int count);

    /// <summary>The acknowledgements of one invalidation, written by the subscription and read by the one waiting writer.</summary>
    private sealed class PendingInvalidation
    {
        private readonly Channel<string> _arrived = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly HashSet<string> _acknowledgedBy = new(StringComparer.Ordinal);

        public int Acknowledgements => Drain().Count;

        public bool HasAcknowledged(string instance) => Drain().Contains(instance);

        public void Acknowledge(string instance) => _arrived.Writer.TryWrite(instance);

        public async Task WaitForAcknowledgementAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
            try
            {
                await _arrived.Reader.WaitToReadAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: the caller looks again at who is still live.
            }
        }

        private HashSet<string> Drain()
        {
            while (_arrived.Reader.TryRead(out var instance))
            {
                _acknowledgedBy.Add(instance);
            }

            return _acknowledgedBy;
        }
    }
}
