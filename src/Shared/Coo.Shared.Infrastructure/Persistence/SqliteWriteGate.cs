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
    private Holding? _holding;

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
                return _holding is { } holding ? $"{holding.Holder} since {holding.Since:HH:mm:ss.fff}" : null;
            }
        }
    }

    /// <summary>The one gate of a database file for the whole process, whichever host or context writes to it.</summary>
    public static SqliteWriteGate For(string path) => Files.GetOrAdd(Path.GetFullPath(path), _ => new SqliteWriteGate());

    /// <summary>
    /// Waits for the turn, taken by <paramref name="holder"/> (what it is for, told to whoever waits too long). False
    /// when it did not come within <paramref name="timeout"/>: the caller then goes on without it, and SQLite's own
    /// lock decides, as it would without the gate (a safety net, never the plan).
    /// </summary>
    public async Task<bool> EnterAsync(bool request, string holder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_holding is null)
            {
                _holding = new Holding(holder, TimeProvider.System.GetUtcNow());
                return true;
            }

            waiter = new Waiter(holder);
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
                    _holding = new Holding(next.Holder, TimeProvider.System.GetUtcNow());
                    return;
                }
            }

            _holding = null;
        }
    }

    private void GiveUp(Waiter waiter)
    {
        if (!waiter.Turn.TrySetCanceled())
        {
            Exit(); // The turn was handed over at that very moment: pass it on.
        }
    }

    private sealed record Waiter(string Holder)
    {
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Holding(string Holder, DateTimeOffset Since);
}
