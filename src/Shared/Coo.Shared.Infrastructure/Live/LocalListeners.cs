namespace Coo.Shared.Infrastructure.Live;

/// <summary>The listeners open in this instance, by user: woken when their user's log grows, whichever instance appended.</summary>
internal sealed class LocalListeners
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, List<Bell>> _byUser = [];

    public Bell Add(long userId)
    {
        var bell = new Bell();
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var bells))
            {
                _byUser[userId] = bells = [];
            }

            bells.Add(bell);
        }

        return bell;
    }

    public void Remove(long userId, Bell bell)
    {
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var bells) && bells.Remove(bell) && bells.Count == 0)
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
                if (_byUser.TryGetValue(userId, out var bells))
                {
                    ringing.AddRange(bells);
                }
            }
        }

        ringing.ForEach(bell => bell.Ring());
    }

    /// <summary>Every listener here, after this instance may have missed rings (its subscription was broken).</summary>
    public void RingAll()
    {
        List<Bell> ringing;
        lock (_lock)
        {
            ringing = [.. _byUser.Values.SelectMany(bells => bells)];
        }

        ringing.ForEach(bell => bell.Ring());
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
