using System.Collections.Concurrent;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Wakes a relay or a consumer right after a commit gave it work, so delivery does not wait for the next poll.
/// In-process only: other instances find the work by polling.
/// </summary>
internal sealed class MessageWakeup
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public static string Outbox(string schema) => "outbox:" + schema;

    public static string Inbox(string consumer) => "inbox:" + consumer;

    public void Notify(string key)
    {
        var signal = SignalFor(key);
        lock (signal)
        {
            // At most one wake-up is kept: any number of commits before the loop looks again still need one look.
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
    }

    /// <summary>
    /// Returns when notified or after <paramref name="timeout"/>, whichever comes first. The timeout throws nothing:
    /// every idle loop reaches it once a poll interval.
    /// </summary>
    /// <returns>Whether it was woken (false: the timeout passed).</returns>
    public Task<bool> WaitAsync(string key, TimeSpan timeout, CancellationToken cancellationToken) =>
        SignalFor(key).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim SignalFor(string key) => _signals.GetOrAdd(key, _ => new SemaphoreSlim(0, 1));
}
