using StackExchange.Redis;

namespace Coo.Host.Composition;

internal static class CachingSetup
{
    /// <summary>Redis when <c>ConnectionStrings:Redis</c> is given (shared by every instance), otherwise in-process memory.</summary>
    public static IServiceCollection AddCooCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddDistributedMemoryCache();
            return services;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(redis)));
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis;
            options.InstanceName = "coo:";
        });
        services.AddHealthChecks().AddRedis(redis, name: "redis", tags: ["ready"], timeout: TimeSpan.FromSeconds(2));
        return services;
    }

    /// <summary>
    /// Redis must never be a single point of failure: the connection is made in the background and retried for ever
    /// (no abort when Redis is down at start), and a command fails within a second so callers can fall back. Values
    /// named in the connection string win over these defaults.
    /// </summary>
    private static ConfigurationOptions RedisOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse($"connectTimeout=2000,syncTimeout=1000,asyncTimeout=1000,{connectionString}");
        options.AbortOnConnectFail = false;
        return options;
    }
}
