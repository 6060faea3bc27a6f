namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Spaces the claims of a busy queue: after a claim that took some messages but not a full batch, the next one starts no
/// sooner than its interval (<see cref="OutboxOptions.BusyClaimInterval"/>, or <see cref="OutboxOptions.ReportingClaimInterval"/>
/// for a queue that only feeds reports) after it, so that it takes what arrived meanwhile and the fixed cost of a claim
/// (the claim, the mark, a commit) is shared by more messages. A queue whose last claim found nothing claims as soon as
/// it is woken, and one that took a full batch goes straight on.
/// </summary>
internal static class ClaimSpacing
{
    /// <param name="claimStarted">When the last claim started (<see cref="TimeProvider.GetTimestamp"/> of <paramref name="time"/>).</param>
    public static Task WaitAsync(TimeProvider time, long claimStarted, int claimed, int batchSize, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (claimed == 0 || claimed >= batchSize)
        {
            return Task.CompletedTask;
        }

        var rest = interval - time.GetElapsedTime(claimStarted);
        return rest > TimeSpan.Zero ? Task.Delay(rest, time, cancellationToken) : Task.CompletedTask;
    }
}
