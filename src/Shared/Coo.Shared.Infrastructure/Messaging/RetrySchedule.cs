namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// When the retries a relay or consumer loop scheduled fall due. The loop waits no longer than the earliest: nothing
/// else commits to its queue meanwhile, and the next poll can be much later than a retry's delay.
/// </summary>
internal sealed class RetrySchedule
{
    private readonly SortedSet<DateTimeOffset> _due = [];

    public void Add(DateTimeOffset due)
    {
        lock (_due)
        {
            _due.Add(due);
        }
    }

    /// <summary>
    /// A look at <paramref name="lookedAt"/> took every retry due by then (or another instance did). One that failed,
    /// with the database away, leaves them to the polls too: waking for them again at once would only spin.
    /// </summary>
    public void ForgetDueBy(DateTimeOffset lookedAt)
    {
        lock (_due)
        {
            _due.RemoveWhere(at => at <= lookedAt);
        }
    }

    /// <summary>How long the loop waits for a wake-up before it looks again: until the poll, or the earliest retry due before it.</summary>
    public TimeSpan UntilNextLook(TimeSpan pollingInterval, DateTimeOffset now)
    {
        lock (_due)
        {
            if (_due.Count == 0)
            {
                return pollingInterval;
            }

            // Rounded up: timers count whole milliseconds, and one that fired before the retry was due would find nothing.
            var untilDue = Math.Ceiling((_due.Min - now).TotalMilliseconds);
            return untilDue <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(untilDue, pollingInterval.TotalMilliseconds));
        }
    }
}
