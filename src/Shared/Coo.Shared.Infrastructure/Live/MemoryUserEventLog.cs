using Microsoft.Extensions.Options;

namespace Coo.Shared.Infrastructure.Live;

/// <summary>The user event logs of embedded mode: one process holds every stream, so its memory is the whole log.</summary>
internal sealed class MemoryUserEventLog(IOptions<LiveOptions> options, TimeProvider time) : IUserEventLog
{
    private readonly LiveOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly LocalListeners _listeners = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<long, UserLog> _logs = [];
    private UserEventId _lastId = UserEventId.Start;

    public Task AppendAsync(IReadOnlyCollection<long> userIds, UserEventKind kind, long subjectId, CancellationToken cancellationToken)
    {
        List<long> appended = [];
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var userId in userIds)
            {
                if (_logs.TryGetValue(userId, out var log) && log.IsListening(now))
                {
                    log.Add(new UserEvent(NextId(now), kind, subjectId), _options.LogLength);
                    appended.Add(userId);
                }
            }
        }

        _listeners.Ring(appended);
        return Task.CompletedTask;
    }

    public Task<IUserEventListener?> ListenAsync(long userId, UserEventId? lastEventId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ForgetSilentLogs(now);
            if (!_logs.TryGetValue(userId, out var log))
            {
                _logs[userId] = log = new UserLog(_lastId);
            }

            if (log.Streams >= _options.MaxStreamsPerUser)
            {
                return Task.FromResult<IUserEventListener?>(null);
            }

            var resumable = lastEventId is { } last && log.IsListening(now) && last >= log.KeptAfter && last <= _lastId;
            log.Streams++;
            var cursor = resumable ? lastEventId!.Value : _lastId;
            var gap = lastEventId is not null && !resumable;
            return Task.FromResult<IUserEventListener?>(new Listener(this, userId, log, cursor, gap, _listeners.Add(userId)));
        }
    }

    private UserEventId NextId(DateTimeOffset now)
    {
        var milliseconds = now.ToUnixTimeMilliseconds();
        _lastId = milliseconds > _lastId.Milliseconds ? new UserEventId(milliseconds, 0) : _lastId with { Sequence = _lastId.Sequence + 1 };
        return _lastId;
    }

    private void ForgetSilentLogs(DateTimeOffset now)
    {
        foreach (var (userId, _) in _logs.Where(entry => !entry.Value.IsListening(now)).ToList())
        {
            _logs.Remove(userId);
        }
    }

    /// <summary>A user's log, kept from <paramref name="startedAfter"/> (the last id when the user began to listen) on.</summary>
    private sealed class UserLog(UserEventId startedAfter)
    {
        private readonly Queue<UserEvent> _events = new();
        private DateTimeOffset _listenUntil;

        public int Streams { get; set; }

        /// <summary>Every event after this id is still in the log.</summary>
        public UserEventId KeptAfter { get; private set; } = startedAfter;

        public bool IsListening(DateTimeOffset now) => Streams > 0 || now < _listenUntil;

        public void Add(UserEvent userEvent, int length)
        {
            _events.Enqueue(userEvent);
            while (_events.Count > length)
            {
                KeptAfter = _events.Dequeue().Id;
            }
        }

        public List<UserEvent> After(UserEventId cursor) => [.. _events.Where(e => e.Id > cursor)];

        public void Closed(DateTimeOffset now, TimeSpan linger)
        {
            Streams--;
            _listenUntil = now + linger;
        }
    }

    private sealed class Listener(MemoryUserEventLog owner, long userId, UserLog log, UserEventId cursor, bool gap, (Bell Bell, LocalUser User) local)
        : IUserEventListener
    {
        public async Task<UserEventBatch> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            if (await TakeAsync() is { } batch || (await local.Bell.WaitAsync(wait, cancellationToken) && (batch = await TakeAsync()) is not null))
            {
                return batch;
            }

            return new UserEventBatch([], Gap: false);
        }

        public ValueTask DisposeAsync()
        {
            owner._listeners.Remove(userId, local.Bell);
            lock (owner._lock)
            {
                log.Closed(owner._time.GetUtcNow(), owner._options.Linger);
            }

            return ValueTask.CompletedTask;
        }

        /// <summary>The events after the cursor, one list for the user's streams woken by the same ring (as in server mode).</summary>
        private async Task<UserEventBatch?> TakeAsync()
        {
            var events = await local.User.ReadAsync(cursor, after =>
            {
                lock (owner._lock)
                {
                    return Task.FromResult<IReadOnlyList<UserEvent>>(log.After(after));
                }
            });

            if (events.Count == 0 && !gap)
            {
                return null;
            }

            var batch = new UserEventBatch(events, gap);
            (cursor, gap) = (events.Count > 0 ? events[^1].Id : cursor, false);
            return batch;
        }
    }
}
