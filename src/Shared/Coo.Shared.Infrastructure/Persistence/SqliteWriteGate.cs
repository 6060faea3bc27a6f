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
    private readonly Queue<TaskCompletionSource> _requests = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private bool _taken;

    /// <summary>How many wait for the turn now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count(t => !t.Task.IsCompleted) + _background.Count(t => !t.Task.IsCompleted);
            }
        }
    }

    /// <summary>The one gate of a database file for the whole process, whichever host or context writes to it.</summary>
    public static SqliteWriteGate For(string path) => Files.GetOrAdd(Path.GetFullPath(path), _ => new SqliteWriteGate());

    /// <summary>
    /// Waits for the turn. False when it did not come within <paramref name="timeout"/>: the caller then goes on without
    /// it, and SQLite's own lock decides, as it would without the gate (a safety net, never the plan).
    /// </summary>
    public async Task<bool> EnterAsync(bool request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_taken)
            {
                _taken = true;
                return true;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (request ? _requests : _background).Enqueue(turn);
        }

        try
        {
            await turn.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            GiveUp(turn);
            return false;
        }
        catch (OperationCanceledException)
        {
            GiveUp(turn);
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
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _taken = false;
        }
    }

    private void GiveUp(TaskCompletionSource turn)
    {
        if (!turn.TrySetCanceled())
        {
            Exit(); // The turn was handed over at that very moment: pass it on.
        }
    }
}
