using Coo.Shared.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Caching;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// One connection to the Redis of <c>ConnectionStrings:Redis</c>, shared by every module. It never blocks start-up
    /// or a request on an unreachable Redis: it connects in the background, reconnects by itself, and a command sent
    /// while it is disconnected fails at once instead of waiting in a queue.
    /// </summary>
    public static IServiceCollection AddCooRedis(this IServiceCollection services, IConfiguration configuration)
    {
        // Short timeouts unless the connection string names its own, so that callers can fall back in time.
        var options = ConfigurationOptions.Parse($"connectTimeout=2000,syncTimeout=1000,asyncTimeout=1000,{configuration.GetConnectionString("Redis")}");
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Replies are read and completed on the .NET thread pool, not handed from the library's own reader threads to
        // it: one thread hand-off (a futex wake and a context switch) less per reply. Coo never blocks a pool thread on
        // Redis, which is what the dedicated threads guard against. Measured: the host's context switches per post fell
        // by nearly three quarters (README, Benchmarks).
        options.SocketManager = SocketManager.ThreadPool;
        services.AddSingleton(Options.Create(ValidatedSettings.Read<RedisOptions>(configuration, RedisOptions.Section)));
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddSingleton<ResilientRedis>();
        services.AddSingleton<NearCache>();
        services.AddHostedService(provider => provider.GetRequiredService<NearCache>());
        return services;
    }

    /// <summary>
    /// An entity cache in Redis when it is configured (shared by every instance, with each instance's coherent
    /// <see cref="NearCache"/> in front), otherwise in process memory.
    /// </summary>
    public static IServiceCollection AddEntityCache<T>(this IServiceCollection services, IConfiguration configuration, EntityCacheOptions<T> options)
        where T : class
    {
        services.AddSingleton(options);
        if (RedisOptions.IsConfigured(configuration))
        {
            services.AddSingleton<RedisEntityCache<T>>();
            services.AddSingleton<IEntityCache<T>, NearCachedEntityCache<T>>();
        }
        else
        {
            services.AddSingleton<IEntityCache<T>, MemoryEntityCache<T>>();
        }

        return services;
    }
}
