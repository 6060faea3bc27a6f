namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// When Redis counts as down: at least <see cref="MinimumFailures"/> calls in a row failed, and the first of them
/// <see cref="RedisOptions.BreakAfter"/> ago or longer. Opened on a shorter burst, the breaker turned a pause of a few
/// hundred milliseconds (in the benchmark: PostgreSQL's backends exiting together when Npgsql pruned its idle
/// connections, which held both cores) into <see cref="RedisOptions.BreakDuration"/> of reads from the database, with
/// a read p99 of 1.5 s. One flag and two counters, no per-call pipeline: this is on every read's path.
/// </summary>
internal sealed class RedisCircuit(TimeProvider time, TimeSpan breakAfter, TimeSpan breakDuration)
{
    public const int MinimumFailures = 4;

    private readonly long _breakAfterTimestamps = Timestamps(time, breakAfter);
    private readonly long _breakDurationTimestamps = Timestamps(time, breakDuration);
    private int _failuresInARow;

    // No run of failures yet: a failure that reads this before the run's first one has stored its time opens nothing.
    private long _failingSince = long.MaxValue;
    private long _openUntil;
    private int _opened;

    /// <summary>How long Redis is bypassed once the breaker opens.</summary>
    public TimeSpan BreakDuration => breakDuration;

    public bool IsOpen => time.GetTimestamp() < Interlocked.Read(ref _openUntil);

    /// <returns>True when this success closes a breaker that had opened.</returns>
    public bool Succeeded()
    {
        // Nearly every call succeeds after one that did: reading leaves the fields' cache line shared between the cores,
        // where three exchanges on every call wrote it each time.
        if (Volatile.Read(ref _failuresInARow) == 0 && Volatile.Read(ref _opened) == 0 && Interlocked.Read(ref _failingSince) == long.MaxValue)
        {
            return false;
        }

        Interlocked.Exchange(ref _failuresInARow, 0);
        Interlocked.Exchange(ref _failingSince, long.MaxValue);
        return Interlocked.Exchange(ref _opened, 0) == 1;
    }

    /// <summary>
    /// Counts a failure; after the break, calls go through again, and the first failure opens it again at once.
    /// </summary>
    /// <returns>True when this failure opens the breaker that was closed.</returns>
    public bool Failed()
    {
        var now = time.GetTimestamp();
        var failures = Interlocked.Increment(ref _failuresInARow);
        if (failures == 1)
        {
            Interlocked.Exchange(ref _failingSince, now);
            return false;
        }

        if (failures < MinimumFailures || now - Interlocked.Read(ref _failingSince) < _breakAfterTimestamps)
        {
            return false;
        }

        Interlocked.Exchange(ref _openUntil, now + _breakDurationTimestamps);
        return Interlocked.Exchange(ref _opened, 1) == 0;
    }

    private static long Timestamps(TimeProvider time, TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
