namespace Coo.Host.RateLimiting;

/// <summary>Shares the rate-limit counts of this instance's partitions through Redis every <see cref="RedisCounterSettings.ShareInterval"/>.</summary>
internal sealed class RateLimitSharing(FailSafeRateLimiterFactory limiters) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(limiters.RedisSettings.ShareInterval, limiters.Time);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            await limiters.ShareCountsAsync();
        }
    }
}
