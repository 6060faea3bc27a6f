using Coo.Shared.Infrastructure.Caching;
using StackExchange.Redis;

namespace Coo.Host.Composition;

internal static class CachingSetup
{
    /// <summary>
    /// An in-process cache always; Redis as well when <c>ConnectionStrings:Redis</c> is given, shared by every
    /// instance and part of readiness (the service keeps answering without it, from the database).
    /// </summary>
    public static IServiceCollection AddCooCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        if (!RedisOptions.IsConfigured(configuration))
        {
            return services;
        }

        services.AddCooRedis(configuration);
        services.AddHealthChecks().AddRedis(
            provider => provider.GetRequiredService<IConnectionMultiplexer>(), name: "redis", tags: ["ready"], timeout: TimeSpan.FromSeconds(2));
        return services;
    }
}
