namespace Coo.Shared.Infrastructure.Live;

/// <summary>The listeners open in this instance, by user: woken when their user's log grows, whichever instance appended.</summary>
internal sealed class LocalListeners
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, LocalUser> _byUser = [];

    /// <summary>A new listener's bell, and the user it listens for on this instance.</summary>
    public (Bell Bell, LocalUser User) Add(long userId)
    {
        var bell = new Bell();
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var user))
            {
                _byUser[userId] = user = new LocalUser();
            }

            user.Bells.Add(bell);
            return (bell, user);
        }
    }

    public void Remove(long userId, Bell bell)
    {
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var user) && user.Bells.Remove(bell) && user.Bells.Count == 0)
            {
                _byUser.Remove(userId);
            }
        }
    }

    public void Ring(IEnumerable<long> userIds)
    {
        List<Bell> ringing = [];
        lock (_lock)
        {
            foreach (var userId in userIds)
            {
                if (_byUser.TryGetValue(userId, out var user))
                {
                    user.Rang();
                    ringing.AddRange(user.Bells);
                }
            }
        }

        ringing.ForEach(bell => bell.Ring());
    }

    /// <summary>Every listener here, after this instance may have missed rings (its subscription was broken).</summary>
    public void RingAll()
    {
        List<Bell> ringing = [];
        lock (_lock)
        {
            foreach (var user in _byUser.Values)
            {
                user.Rang();
                ringing.AddRange(user.Bells);
            }
        }

        ringing.ForEach(bell => bell.Ring());
    }
}

/// <summary>
/// One user's listeners on this instance. A ring wakes them all at once, each asking for the events after the same
/// cursor: they share one read of the log, so a user with five streams costs the shared log one read, not five.
/// </summary>
internal sealed class LocalUser
{
    private readonly Lock _lock = new();
    private long _rings;
    private (UserEventId After, long Rings, Task<IReadOnlyList<UserEvent>> Events)? _lastRead;

    /// <summary>Guarded by the owning <see cref="LocalListeners"/>' lock.</summary>
    internal List<Bell> Bells { get; } = [];

    internal void Rang() => Interlocked.Increment(ref _rings);

    /// <summary>
    /// The events after <paramref name="after"/>: the read another listener started after the latest ring from the same
    /// cursor, else a new one. A read that started before the latest ring may lack its events, so it is not shared.
    /// <paramref name="read"/> must not depend on one listener's cancellation: others may await it.
    /// </summary>
    public Task<IReadOnlyList<UserEvent>> ReadAsync(UserEventId after, Func<UserEventId, Task<IReadOnlyList<UserEvent>>> read)
    {
        lock (_lock)
        {
            var rings = Interlocked.Read(ref _rings);
            if (_lastRead is { } last && last.After == after && last.Rings == rings && !last.Events.IsFaulted && !last.Events.IsCanceled)
            {
                return last.Events;
            }

            var events = read(after);
            _lastRead = (after, rings, events);
            return events;
        }
    }
}

/// <summary>Wakes one waiting listener; a ring while nobody waits is kept, so none is missed between two waits.</summary>
internal sealed class Bell
{
    private TaskCompletionSource _rung = NewRing();

    public void Ring() => Volatile.Read(ref _rung).TrySetResult();

    /// <summary>Whether it rang within <paramref name="wait"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var rung = Volatile.Read(ref _rung);
        try
        {
            await rung.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _rung, NewRing(), rung);
        return true;
    }

    private static TaskCompletionSource NewRing() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
