using System.Globalization;

namespace Coo.Bench;

/// <summary>
/// Reads <c>/metrics</c> every second while a load runs, as Prometheus would with a very tight scrape interval
/// (a usual one is 15 s), so the report can show what serving metrics costs the requests measured meanwhile.
/// </summary>
internal static class MetricsScraper
{
    /// <summary>
    /// The shortest warm-up before the first scraped run: a method a scrape runs once reaches tier 1 only after 30
    /// calls (tiered compilation's call count), so a scrape a second brings its burst of compilation no sooner than
    /// 30 s in. The JIT check alone passed before it and let the burst land in the measured run.
    /// </summary>
    public static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(45);

    public static async Task<LoadResult> WhileAsync(BenchHost host, Func<Task<LoadResult>> load)
    {
        using var client = host.CreateMetricsClient();
        using var stop = new CancellationTokenSource();
        var scrapes = 0;
        var scraper = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), stop.Token);
                    response.EnsureSuccessStatusCode();
                    scrapes++;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });

        var result = await load();
        await stop.CancelAsync();
        await scraper;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  /metrics scraped {scrapes} times during that load"));
        return result;
    }
}
