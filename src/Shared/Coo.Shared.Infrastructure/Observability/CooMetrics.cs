using System.Diagnostics.Metrics;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>
/// Coo's own instruments, on one meter named <see cref="MeterName"/>: what says whether Coo is healthy beside the
/// HTTP and runtime metrics. Names follow the OpenTelemetry conventions under <c>coo.*</c>, with units.
/// Recording is lock-free and allocates nothing (tags are passed as structs), so it is safe on hot paths.
/// </summary>
public sealed class CooMetrics
{
    public const string MeterName = "Coo";

    /// <summary>Fan-out is expected within milliseconds; the buckets still reach minutes for a stuck dispatcher.</summary>
    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly TimeProvider _time;
    private readonly Counter<long> _coosPosted;
    private readonly Counter<long> _follows;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Histogram<double> _fanOutLag;
    private readonly Counter<long> _timelineCacheHits;
    private readonly Counter<long> _timelineCacheMisses;
    private readonly Counter<long> _consumerFailures;

    public CooMetrics(IMeterFactory meterFactory, OutboxBacklog outboxBacklog, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(outboxBacklog);
        _time = time;

        // From the host's meter factory: each host (and each test host) has its own meter, disposed with it.
        Meter = meterFactory.Create(MeterName);
        _coosPosted = Meter.CreateCounter<long>("coo.coos.posted", "{coo}", "Coos posted");
        _follows = Meter.CreateCounter<long>("coo.follows", "{follow}", "Follows (action=follow) and unfollows (action=unfollow) made");
        _signInFailures = Meter.CreateCounter<long>("coo.sign_in.failures", "{sign_in}", "Refused sign-ins, by reason (the error code)");
        _rateLimitRejections = Meter.CreateCounter<long>("coo.rate_limit.rejections", "{request}", "Requests refused with 429, by rate-limit policy");
        _fanOutLag = Meter.CreateHistogram(
            "coo.timeline.fan_out.lag",
            "s",
            "Time from a coo's posting until a fan-out wrote it into followers' timelines (one observation per committed fan-out)",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _timelineCacheHits = Meter.CreateCounter<long>("coo.timeline.cache.hits", "{read}", "Home-timeline reads served from the Redis cache");
        _timelineCacheMisses = Meter.CreateCounter<long>("coo.timeline.cache.misses", "{read}", "Home-timeline reads the Redis cache could not serve (rebuilt from the database)");
        _consumerFailures = Meter.CreateCounter<long>("coo.consumer.failures", "{failure}", "Integration-event consumers that threw, by consumer");
        Meter.CreateObservableGauge("coo.outbox.pending", outboxBacklog.Pending, "{message}", "Outbox messages waiting for delivery, per module");
        Meter.CreateObservableGauge("coo.outbox.oldest_age", outboxBacklog.OldestAge, "s", "Age of the oldest outbox message waiting for delivery, per module (0 when none)");
        Meter.CreateObservableGauge("coo.outbox.parked", outboxBacklog.Parked, "{message}", "Outbox messages parked after too many failed deliveries, per module");
    }

    public Meter Meter { get; }

    public void CooPosted() => _coosPosted.Add(1);

    public void Followed() => _follows.Add(1, new KeyValuePair<string, object?>("action", "follow"));

    public void Unfollowed() => _follows.Add(1, new KeyValuePair<string, object?>("action", "unfollow"));

    /// <param name="reason">The error code, e.g. <c>users.invalid-credentials</c>: a handful of values.</param>
    public void SignInFailed(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RateLimitRejected(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    /// <summary>Call after the fan-out's commit: the lag runs until followers can read the coo.</summary>
    public void FanOutWritten(DateTimeOffset cooPostedAt) =>
        _fanOutLag.Record(Math.Max(0, (_time.GetUtcNow() - cooPostedAt).TotalSeconds));

    public void TimelineCacheHit() => _timelineCacheHits.Add(1);

    public void TimelineCacheMiss() => _timelineCacheMisses.Add(1);

    /// <param name="consumer">The consumer's stable name (its handler type): one value per registered consumer.</param>
    public void ConsumerFailed(string consumer) => _consumerFailures.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
}
