using System.Collections.Concurrent;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// The turn to write to one SQLite file, handed out in this process: requests first, then background work, each in the
/// order they asked. SQLite has one write lock per file, and without this its waiters poll for it with sleeps that grow
/// to 100 ms, so a post could wait out several background transactions that asked after it.
/// </summary>
internal sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Files = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Queue<Waiter> _requests = new();
    private readonly Queue<Waiter> _background = new();
    private bool _taken;
    private (string What, string By, DateTimeOffset Since) _holder;

    /// <summary>How many wait for the turn now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count(w => !w.Turn.Task.IsCompleted) + _background.Count(w => !w.Turn.Task.IsCompleted);
            }
        }
    }

    /// <summary>Who holds the turn and since when, as the holder described itself; null when the turn is free.</summary>
    public string? Holder
    {
        get
        {
            lock (_lock)
            {
                return _taken ? $"{_holder.What} of {_holder.By} since {_holder.Since:HH:mm:ss.fff}" : null;
            }
        }
    }

    /// <summary>The one gate of a database file for the whole process, whichever host or context writes to it.</summary>
    public static SqliteWriteGate For(string path) => Files.GetOrAdd(Path.GetFullPath(path), _ => new SqliteWriteGate());

    /// <summary>
    /// Waits for the turn, to do <paramref name="what"/> for <paramref name="by"/> (told to whoever waits too long;
    /// strings the caller has anyway, so that taking a turn formats nothing). False when it did not come within
    /// <paramref name="timeout"/>: the caller then goes on without it, and SQLite's own lock decides, as it would
    /// without the gate (a safety net, never the plan).
    /// </summary>
    public async Task<bool> EnterAsync(bool request, string what, string by, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (!_taken)
            {
                _taken = true;
                _holder = (what, by, TimeProvider.System.GetUtcNow());
                return true;
            }

            waiter = new Waiter(what, by);
            (request ? _requests : _background).Enqueue(waiter);
        }

        try
        {
            await waiter.Turn.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            GiveUp(waiter);
            return false;
        }
        catch (OperationCanceledException)
        {
            GiveUp(waiter);
            throw;
        }
    }

    /// <summary>Hands the turn to the next waiter, or frees it.</summary>
    public void Exit()
    {
        lock (_lock)
        {
            while (_requests.TryDequeue(out var next) || _background.TryDequeue(out next))
            {
                if (next.Turn.TrySetResult())
                {
                    _holder = (next.What, next.By, TimeProvider.System.GetUtcNow());
                    return;
                }
            }

            _taken = false;
        }
    }

    private void GiveUp(Waiter waiter)
    {
        if (!waiter.Turn.TrySetCanceled())
        {
            Exit(); // The turn was handed over at that very moment: pass it on.
        }
    }

    private sealed record Waiter(string What, string By)
    {
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
