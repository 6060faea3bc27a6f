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
    private readonly Task<IConnectionMultiplexer>? _redis;
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
