using System.ComponentModel.DataAnnotations;

namespace Coo.Shared.Infrastructure.Messaging;

public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Safety net: dispatchers are woken after each commit, and poll for what another instance wrote at most this long
    /// apart (each wait a random moment in its second half, <see cref="PollSpread"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While a queue is busy, the least time from the start of one claim to the next (see <see cref="ClaimSpacing"/>):
    /// what a busy queue's messages may wait in exchange for sharing a claim's cost. An idle queue claims at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BusyClaimInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The same spacing for queues that only feed reports (a module's <c>AddReportingHandler</c>): no one waits on them,
    /// so while busy they claim seldom and take many messages at once, and fewer of their claims, marks and commits
    /// stand in the database's way of the work people wait for.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReportingClaimInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A delivery still running after this counts as failed, so one hung consumer cannot stall its queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a relay or consumer owns the messages it claimed. A host that dies gives them back when this runs
    /// out; a live one stops starting deliveries it could not finish within it. Longer than <see cref="DeliveryTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "02:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one consumer transaction keeps taking messages of its batch: long enough that many share a commit under
    /// load, short enough that the locks a handler takes (a timeline author's, a counter's row) are not held for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConsumerTransactionBudget { get; set; } = TimeSpan.FromMilliseconds(50);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Relayed outbox rows and processed inbox rows older than this are deleted by the clean-up job; parked rows stay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>What a failed attempt leaves: the new attempt count, and either when to try again or that the message is parked.</summary>
    public (int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? ParkedAt) AfterFailure(int attemptsBefore, DateTimeOffset now)
    {
        var attempts = attemptsBefore + 1;
        return attempts >= MaxAttempts ? (attempts, now, now) : (attempts, now + RetryDelay(attempts), null);
    }

    /// <summary>Exponential backoff with jitter, so that a struggling consumer is not hammered in lock-step.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, RetryMaxDelay.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseDuration <= DeliveryTimeout)
        {
            yield return new ValidationResult(
                $"must be longer than DeliveryTimeout ({DeliveryTimeout}), or a delivery could outlive its lease",
                [nameof(LeaseDuration)]);
        }
    }
}
