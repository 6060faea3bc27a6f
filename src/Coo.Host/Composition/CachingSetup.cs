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

        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis;
            options.InstanceName = "coo:";
        });
        services.AddHealthChecks().AddRedis(redis, name: "redis", tags: ["ready"], timeout: TimeSpan.FromSeconds(2));
        return services;
    }
}
