using System.Globalization;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Coo.Host.RateLimiting;

/// <summary>
/// The fixed-window limiter of one partition (one user, client IP or username under one policy). It counts in Redis
/// when Redis is configured and answers within <see cref="RedisCounterSettings.RedisTimeout"/>, so that every host
/// instance shares the count; otherwise, and whenever Redis fails, it counts in this instance's memory, so Redis being
/// down or slow never fails or stalls a request. Each acquisition also reports the partition's quota in the
/// <c>RateLimit-*</c> headers of the current response.
/// </summary>
internal sealed class FailSafeRateLimiter : RateLimiter
{
    /// <summary>Answer of <see cref="AttemptAcquireCore"/>: not acquired, so the middleware asks asynchronously.</summary>
    private static readonly RateLimitLease NotAttempted = new QuotaLease(null, isAcquired: false, TimeSpan.Zero);

    private readonly string _key;
    private readonly RateLimitPolicySettings _limits;
    private readonly FailSafeRateLimiterFactory _factory;
    private readonly FixedWindowRateLimiter _local;
    private readonly long _localWindowsStart;
    private RateLimiter? _shared;

    public FailSafeRateLimiter(string key, RateLimitPolicySettings limits, FailSafeRateLimiterFactory factory)
    {
        _key = key;
        _limits = limits;
        _factory = factory;
        _localWindowsStart = factory.Time.GetTimestamp();

        // Replenished by its own timer, every window from now: that is what RateLimit-Reset reports for it.
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.PermitLimit,
            Window = limits.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Idle (and so disposable by the middleware) once the in-memory window holds every permit again.</summary>
    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <summary>
    /// The ASP.NET Core middleware first tries a synchronous acquisition and, when refused, asks again asynchronously;
    /// a permit taken synchronously by one limiter and then released because another refused would still be counted
    /// in a fixed window. So every acquisition here is asynchronous, and counted once.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotAttempted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var quota = await AcquireSharedAsync(permitCount) ?? await AcquireLocalAsync(permitCount, cancellationToken);
        _factory.Report(_limits.PermitLimit, quota);
        return quota;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
            _shared?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<QuotaLease?> AcquireSharedAsync(int permitCount)
    {
        if (_factory.ConnectedRedis() is not { } redis)
        {
            return null;
        }

        try
        {
            _shared ??= new RedisFixedWindowRateLimiter<string>(
                _factory.RedisSettings.RedisKeyPrefix + _key,
                new RedisFixedWindowRateLimiterOptions { ConnectionMultiplexerFactory = () => redis, PermitLimit = _limits.PermitLimit, Window = _limits.Window });
            var lease = await _shared.AcquireAsync(permitCount).AsTask().WaitAsync(_factory.RedisSettings.RedisTimeout, _factory.Time);
            _factory.RedisAnswered();
            var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var left) ? left : 0;
            var resetAt = lease.TryGetMetadata(RateLimitMetadataName.Reset, out var unixSeconds)
                ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds)
                : _factory.Time.GetUtcNow() + _limits.Window;
            return new QuotaLease(lease, lease.IsAcquired, resetAt - _factory.Time.GetUtcNow(), remaining);
        }
        catch (Exception ex)
        {
            // Not only RedisException: the client also throws others (InvalidOperationException from its pipe, or
            // TaskCanceledException, while a dropped connection is torn down), and a counter must never fail the
            // request it counts. Nothing here is cancelled by the caller, so every exception is Redis failing.
            _factory.RedisFailed(ex);
            return null;
        }
    }

    private async Task<QuotaLease> AcquireLocalAsync(int permitCount, CancellationToken cancellationToken)
    {
        var lease = await _local.AcquireAsync(permitCount, cancellationToken);
        var windowTicks = _limits.Window.Ticks;
        var elapsed = _factory.Time.GetElapsedTime(_localWindowsStart).Ticks;
        var reset = TimeSpan.FromTicks(windowTicks - (elapsed % windowTicks));
        return new QuotaLease(lease, lease.IsAcquired, reset, _local.GetStatistics()?.CurrentAvailablePermits ?? 0);
    }

    /// <summary>A lease with what the client is told: how many permits are left and when the window resets.</summary>
    internal sealed class QuotaLease(RateLimitLease? inner, bool isAcquired, TimeSpan reset, long remaining = 0) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public TimeSpan Reset => reset < TimeSpan.Zero ? TimeSpan.Zero : reset;

        public long Remaining => Math.Max(0, remaining);

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        /// <summary>A refused request may retry once the window resets.</summary>
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !isAcquired && metadataName == MetadataName.RetryAfter.Name ? Reset : null;
            return metadata is not null;
        }

        public string ResetSeconds => Math.Ceiling(Reset.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
