using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>Wakes a module's dispatcher right after a commit wrote outbox rows, so delivery does not wait for the next poll.</summary>
public sealed class OutboxWakeup
{
    private readonly ConcurrentDictionary<string, Channel<bool>> _channels = new(StringComparer.Ordinal);

    public void Notify(string schema) => ChannelFor(schema).Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(string schema, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await ChannelFor(schema).Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval elapsed: look for work another instance committed.
        }
    }

    private Channel<bool> ChannelFor(string schema) =>
        _channels.GetOrAdd(schema, _ => Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }));
}
