using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace Coo.Host.RateLimiting;

/// <summary>
/// Creates the limiter of each partition and holds what they share: the Redis connection (when Redis is configured),
/// whether Redis currently works, and the current request, whose response receives the quota headers.
/// </summary>
internal sealed partial class FailSafeRateLimiterFactory
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    private readonly IHttpContextAccessor _http;
    private readonly ILogger<FailSafeRateLimiterFactory> _logger;
    /// <summary>
    /// Adds each partition's admissions to its count and returns, per partition, the count of all instances and the
    /// milliseconds its window has left; a window starts with its first count.
    /// </summary>
    private const string AddCountsScript = """
        local answers = {}
        for i, key in ipairs(KEYS) do
            local total = redis.call('INCRBY', key, ARGV[2 * i - 1])
            local left = redis.call('PTTL', key)
            if left < 0 then
                redis.call('PEXPIRE', key, ARGV[2 * i])
                left = tonumber(ARGV[2 * i])
            end
            answers[2 * i - 1] = total
            answers[2 * i] = left
        end
        return answers
        """;

    private readonly Task<IConnectionMultiplexer>? _redis;
    private readonly ConcurrentDictionary<FailSafeRateLimiter, byte> _tracked = new();
    private int _redisFailing;

    public FailSafeRateLimiterFactory(
        RateLimitSettings settings,
        IHttpContextAccessor http,
        TimeProvider time,
        IServiceProvider services,
        ILogger<FailSafeRateLimiterFactory> logger)
    {
        RedisSettings = settings.Redis;
        Time = time;
        _http = http;
        _logger = logger;
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(IConnectionMultiplexer)) == true)
        {
            // Connecting can take the whole connect timeout when Redis is down: never on a request's time.
            _redis = Task.Run(services.GetRequiredService<IConnectionMultiplexer>);
        }
    }

    public RedisCounterSettings RedisSettings { get; }

    public TimeProvider Time { get; }

    public FailSafeRateLimiter Create(string key, RateLimitPolicySettings limits) => new(key, limits, this);

    /// <summary>The Redis connection when it is configured, established and up; null means "count in memory".</summary>
    public IConnectionMultiplexer? ConnectedRedis()
    {
        if (_redis is not { IsCompleted: true })
        {
            // Not configured, or still connecting (then only the first requests after start are counted in memory).
            return null;
        }

        if (_redis is { IsCompletedSuccessfully: true, Result: { IsConnected: true } redis })
        {
            return redis;
        }

        RedisFailed(_redis.Exception?.GetBaseException());
        return null;
    }

    /// <summary>A partition in use, whose count <see cref="ShareCountsAsync()"/> keeps current.</summary>
    public void Track(FailSafeRateLimiter limiter) => _tracked.TryAdd(limiter, 0);

    /// <summary>
    /// Shares every partition used lately: adds its admissions to Redis and takes back the count of all instances.
    /// Partitions not used for two windows' worth of sharing intervals are let go (their next use asks Redis first).
    /// </summary>
    public async Task ShareCountsAsync()
    {
        var recently = 10 * RedisSettings.ShareInterval;
        foreach (var limiter in _tracked.Keys.Where(limiter => !limiter.UsedWithin(recently)))
        {
            _tracked.TryRemove(limiter, out _);
        }

        if (!_tracked.IsEmpty)
        {
            await ShareCountsAsync([.. _tracked.Keys]);
        }
    }

    /// <summary>One Redis call for <paramref name="limiters"/>; false when Redis did not answer in time.</summary>
    public async Task<bool> ShareCountsAsync(IReadOnlyList<FailSafeRateLimiter> limiters)
    {
        var taken = limiters.Select(limiter => limiter.TakeUnshared()).ToArray();
        try
        {
            if (ConnectedRedis() is not { } redis)
            {
                NotShared(limiters, taken);
                return false;
            }

            var keys = limiters.Select(limiter => (RedisKey)limiter.RedisKey).ToArray();
            var arguments = limiters.SelectMany((limiter, i) => new RedisValue[] { taken[i], (long)limiter.Window.TotalMilliseconds }).ToArray();
            var answers = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(AddCountsScript, keys, arguments).WaitAsync(RedisSettings.RedisTimeout, Time))!;
            RedisAnswered();
            for (var i = 0; i < limiters.Count; i++)
            {
                limiters[i].Shared(taken[i], answers[2 * i], TimeSpan.FromMilliseconds(answers[(2 * i) + 1]));
            }

            return true;
        }
        catch (Exception ex)
        {
            // Not only RedisException: the client also throws others (InvalidOperationException from its pipe, or
            // TaskCanceledException, while a dropped connection is torn down), and a counter must never fail the
            // request it counts. Nothing here is cancelled by the caller, so every exception is Redis failing.
            RedisFailed(ex);
            NotShared(limiters, taken);
            return false;
        }
    }

    private static void NotShared(IReadOnlyList<FailSafeRateLimiter> limiters, long[] taken)
    {
        for (var i = 0; i < limiters.Count; i++)
        {
            limiters[i].NotShared(taken[i]);
        }
    }

    public void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _redisFailing, 0) == 1)
        {
            LogRedisBack(_logger);
        }
    }

    public void RedisFailed(Exception? exception)
    {
        if (Interlocked.Exchange(ref _redisFailing, 1) == 0)
        {
            LogRedisFailing(_logger, exception);
        }
    }

    /// <summary>
    /// Tells the client the quota of the partition it just used. A request under two limits (sign-in: per IP and per
    /// username) is told the tighter one.
    /// </summary>
    public void Report(int limit, FailSafeRateLimiter.QuotaLease quota)
    {
        if (_http.HttpContext?.Response is not { HasStarted: false } response)
        {
            return;
        }

        var headers = response.Headers;
        if (long.TryParse(headers[RemainingHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var shown) && shown < quota.Remaining)
        {
            return;
        }

        headers[LimitHeader] = limit.ToString(CultureInfo.InvariantCulture);
        headers[RemainingHeader] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[ResetHeader] = quota.ResetSeconds;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits are counted per instance: Redis does not answer")]
    private static partial void LogRedisFailing(ILogger logger, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limits are shared through Redis again")]
    private static partial void LogRedisBack(ILogger logger);
}
