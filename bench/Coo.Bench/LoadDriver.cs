using System.Diagnostics;

namespace Coo.Bench;

/// <summary>What one load run measured inside its measuring window (the warm-up is left out).</summary>
internal sealed record LoadResult(long Requests, long Failures, TimeSpan Duration, Percentiles LatencyMs, double MeanResponseBytes, CpuUse Cpu)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}

/// <summary>
/// A closed-loop load generator: each of N connections sends a request, waits for the whole response and sends the
/// next, for a warm-up and then a measured duration. Counts the requests that completed inside the measured window;
/// a request is a failure when it throws or its status is not the expected one.
/// </summary>
internal static class LoadDriver
{
    public static async Task<LoadResult> RunAsync(BenchHost host, BenchOptions options, Func<long, HttpRequestMessage> nextRequest, int expectedStatus = 200)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var sequence = -1L;
        var (measureFrom, stopAt) = (options.WarmUp, options.WarmUp + options.Duration);
        var clock = Stopwatch.StartNew();
        var cpu = CpuUse.MeasureAsync(host.ProcessId, measureFrom, options.Duration);
        var workers = Enumerable.Range(0, options.Connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var (failures, bytes) = (0L, 0L);
            while (clock.Elapsed < stopAt)
            {
                using var request = nextRequest(Interlocked.Increment(ref sequence));
                var started = clock.Elapsed;
                var ok = false;
                var length = 0;
                try
                {
                    using var response = await http.SendAsync(request);
                    length = (await response.Content.ReadAsByteArrayAsync()).Length;
                    ok = (int)response.StatusCode == expectedStatus;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                var finished = clock.Elapsed;
                if (finished < measureFrom || finished > stopAt)
                {
                    continue;
                }

                if (ok)
                {
                    latencies.Add((finished - started).TotalMilliseconds);
                    bytes += length;
                }
                else
                {
                    failures++;
                }
            }

            return (latencies, failures, bytes);
        })).ToList();

        var results = await Task.WhenAll(workers);
        var all = results.SelectMany(r => r.latencies).ToList();
        return new LoadResult(
            all.Count,
            results.Sum(r => r.failures),
            options.Duration,
            Percentiles.Of(all),
            all.Count == 0 ? 0 : (double)results.Sum(r => r.bytes) / all.Count,
            await cpu);
    }
}
