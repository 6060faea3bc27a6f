using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Wakes a relay or a consumer right after a commit gave it work, so delivery does not wait for the next poll.
/// In-process only: other instances find the work by polling.
/// </summary>
public sealed class MessageWakeup
{
    private readonly ConcurrentDictionary<string, Channel<bool>> _channels = new(StringComparer.Ordinal);

    public static string Outbox(string schema) => "outbox:" + schema;

    public static string Inbox(string consumer) => "inbox:" + consumer;

    public void Notify(string key) => ChannelFor(key).Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await ChannelFor(key).Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval elapsed: look for work another instance committed.
        }
    }

    private Channel<bool> ChannelFor(string key) =>
        _channels.GetOrAdd(key, _ => Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }));
}
