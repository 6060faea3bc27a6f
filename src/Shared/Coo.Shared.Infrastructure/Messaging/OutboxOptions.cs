using System.ComponentModel.DataAnnotations;

namespace Coo.Shared.Infrastructure.Messaging;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Safety net: dispatchers are woken after each commit, and poll this often for what another instance wrote.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A delivery still running after this counts as failed, so one hung consumer cannot stall the outbox.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Processed outbox rows and inbox rows older than this are deleted by the clean-up job.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Exponential backoff with jitter, so that a struggling consumer is not hammered in lock-step.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, RetryMaxDelay.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
