using System.Globalization;
using System.Threading.RateLimiting;

namespace Coo.Host.RateLimiting;

/// <summary>
/// The fixed-window limiter of one partition (one user, client IP or username under one policy). With Redis it
/// decides in this instance's memory, on the count all instances had at the last sharing (at most
/// <see cref="RedisCounterSettings.ShareInterval"/> old) plus what it admitted since, and
/// <see cref="FailSafeRateLimiterFactory.ShareCountsAsync"/> adds its admissions to the shared count in the background:
/// a request costs no Redis round trip, and a client spreading requests over instances can exceed a limit by at most
/// what the other instances admitted it within one interval. A partition seen for the first time in a window asks
/// Redis once before deciding. One idle here for a while (no longer shared in the background) decides its next
/// request on the count it last heard and asks Redis for the current one meanwhile; requests arriving before that
/// answer wait for it. So an instance may admit one request of a window beyond the limit, if the other instances had
/// used up the rest since it last heard. Without Redis, or whenever it fails, the count is this
/// instance's own, so Redis being down or slow never fails or stalls a request. Each acquisition also reports the
/// partition's quota in the <c>RateLimit-*</c> headers of the current response.
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
    private readonly Lock _count = new();
    private DateTimeOffset _windowEnd;
    private long _sharedCount;
    private long _unshared;
    private long _sharing;
    private long _sharedAt;
    private long _lastUsed;
    private Task<bool>? _refreshing;

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

    /// <summary>Idle (and so disposable by the middleware) once unused, and the in-memory window holds every permit again.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            var lastUsed = Interlocked.Read(ref _lastUsed);
            return lastUsed == 0 || _local.IdleDuration is not { } localIdle ? _local.IdleDuration : Min(localIdle, _factory.Time.GetElapsedTime(lastUsed));
        }
    }

    /// <summary>The partition's count in Redis: a window starts with its first request on any instance and ends when the key expires.</summary>
    public string RedisKey => _factory.RedisSettings.RedisKeyPrefix + _key;

    public TimeSpan Window => _limits.Window;

    /// <summary>Whether the partition was used within <paramref name="recently"/>: only those are shared in the background.</summary>
    public bool UsedWithin(TimeSpan recently) => _factory.Time.GetElapsedTime(Interlocked.Read(ref _lastUsed)) < recently;

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
        }

        base.Dispose(disposing);
    }

    private async Task<QuotaLease?> AcquireSharedAsync(int permitCount)
    {
        if (_factory.ConnectedRedis() is null)
        {
            return null;
        }

        Interlocked.Exchange(ref _lastUsed, _factory.Time.GetTimestamp());
        var heard = CountHeard();
        if (heard == HeardCount.Never && !await _factory.ShareCountsAsync([this]))
        {
            return null;
        }

        TaskCompletionSource<bool>? refresh = null;
        if (heard == HeardCount.LongAgo)
        {
            refresh = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _refreshing, refresh.Task, null) is { } running)
            {
                refresh = null;
                if (!await running)
                {
                    return null;
                }
            }
        }

        _factory.Track(this);
        var lease = Decide(permitCount);
        if (refresh is not null)
        {
            // After deciding, so that the admission just made goes to Redis with this sharing.
            _ = RefreshAsync(refresh);
        }

        return lease;
    }

    private QuotaLease Decide(int permitCount)
    {
        var now = _factory.Time.GetUtcNow();
        lock (_count)
        {
            if (now >= _windowEnd)
            {
                // The window ended after its count was checked, or Redis still held its key a moment past the end
                // seen here: the request opens the next window (refusing it would be a 429 with nothing counted).
                // Redis's count of that window comes with a sharing after its key expired.
                (_windowEnd, _sharedCount, _unshared) = (now + _limits.Window, 0, 0);
            }

            var counted = _sharedCount + _sharing + _unshared;
            var acquired = counted + permitCount <= _limits.PermitLimit;
            if (acquired)
            {
                _unshared += permitCount;
            }

            return new QuotaLease(null, acquired, _windowEnd - now, _limits.PermitLimit - counted - (acquired ? permitCount : 0));
        }
    }

    /// <summary>
    /// What was admitted here since the last sharing, now on its way to Redis: still counted here until Redis's total,
    /// which includes it, arrives.
    /// </summary>
    public long TakeUnshared()
    {
        lock (_count)
        {
            if (_factory.Time.GetUtcNow() >= _windowEnd)
            {
                // The window is over (or was never heard of): what it admitted counts no more.
                (_sharedCount, _unshared, _sharedAt) = (0, 0, 0);
            }

            var unshared = _unshared;
            _unshared = 0;
            _sharing += unshared;
            return unshared;
        }
    }

    /// <summary>Redis's count after adding the <paramref name="sent"/> admissions of this instance, and the time its window has left.</summary>
    public void Shared(long sent, long total, TimeSpan windowLeft)
    {
        var windowEnd = _factory.Time.GetUtcNow() + windowLeft;
        lock (_count)
        {
            _sharing -= sent;
            _sharedAt = _factory.Time.GetTimestamp();
            if (windowEnd + TimeSpan.FromSeconds(1) < _windowEnd)
            {
                // The count of a window that has ended here, whose key Redis kept a moment longer: not this window's.
                return;
            }

            // A later window, or a newer count of this one (two sharings may answer out of order).
            var newWindow = windowEnd > _windowEnd + TimeSpan.FromSeconds(1);
            _sharedCount = newWindow ? total : Math.Max(_sharedCount, total);
            _windowEnd = newWindow ? windowEnd : _windowEnd;
        }
    }

    /// <summary>Redis did not answer: the admissions taken for it are kept for the next sharing.</summary>
    public void NotShared(long unshared)
    {
        lock (_count)
        {
            _sharing -= unshared;
            _unshared += unshared;
        }
    }

    private async Task RefreshAsync(TaskCompletionSource<bool> refresh)
    {
        var shared = await _factory.ShareCountsAsync([this]);
        Volatile.Write(ref _refreshing, null);
        refresh.SetResult(shared);
    }

    private HeardCount CountHeard()
    {
        lock (_count)
        {
            if (_factory.Time.GetUtcNow() >= _windowEnd || _sharedAt == 0)
            {
                return HeardCount.Never;
            }

            return _factory.Time.GetElapsedTime(_sharedAt) > 2 * _factory.RedisSettings.ShareInterval ? HeardCount.LongAgo : HeardCount.Lately;
        }
    }

    /// <summary>When this instance last heard the partition's shared count of the current window.</summary>
    private enum HeardCount
    {
        Never,
        LongAgo,
        Lately,
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

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
