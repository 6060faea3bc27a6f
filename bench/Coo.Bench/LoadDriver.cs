using System.Diagnostics;

namespace Coo.Bench;

/// <summary>What one load run measured inside its measuring window (the warm-up is left out).</summary>
/// <param name="LoadGenerator"><see cref="WrkDriver.Name"/> or <see cref="LoadDriver.Name"/>.</param>
/// <param name="MeanResponseBytes">wrk counts whole responses, headers included; the C# client counts bodies.</param>
internal sealed record LoadResult(string LoadGenerator, long Requests, IReadOnlyDictionary<string, long> Failures, TimeSpan Duration, Percentiles LatencyMs, double MeanResponseBytes, WindowUse Use)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public long FailureCount => Failures.Values.Sum();

    /// <summary>How requests failed, e.g. "status 500: 3, TaskCanceledException: 1"; empty when none did.</summary>
    public string FailureReasons => string.Join(", ", Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key}: {f.Value}"));

    public CpuUse Cpu => Use.Cpu;

    /// <summary>The host's CPU time per request: what a request costs, whatever else competed for the cores.</summary>
    public double HostCpuMsPerRequest => Cpu.Host * Environment.ProcessorCount * Cpu.Window.TotalMilliseconds / Requests;

    /// <summary>How often a request switched the host's threads off a core: thread hand-offs, waits and preemptions.</summary>
    public double HostContextSwitchesPerRequest => (double)Cpu.HostContextSwitches / Requests;

    /// <summary>Bytes the host allocated on the GC heap per request: what the garbage collector has to keep up with.</summary>
    public double AllocatedBytesPerRequest => (double)Use.Runtime.AllocatedBytes / Requests;
}

/// <summary>
/// A closed-loop load generator: each of N connections sends a request, waits for the whole response and sends the
/// next, for a warm-up and then a measured duration. Counts the requests that completed inside the measured window;
/// a request is a failure when it throws or its status is not the expected one. Its own CPU use competes with the host's,
/// so the read phases and the ceiling use <see cref="WrkDriver"/>; this drives posting, which needs a body per request.
/// </summary>
internal static class LoadDriver
{
    public const string Name = "C# client";

    /// <param name="connections">How many requests are in flight at once.</param>
    /// <param name="warmUp">Instead of <see cref="BenchOptions.WarmUp"/>, e.g. the longer first run that lets the JIT settle.</param>
    public static async Task<LoadResult> RunAsync(BenchHost host, BenchOptions options, int connections, Func<long, HttpRequestMessage> nextRequest, int expectedStatus = 200, TimeSpan? warmUp = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var sequence = -1L;
        var (measureFrom, stopAt) = (warmUp ?? options.WarmUp, (warmUp ?? options.WarmUp) + options.Duration);
        var clock = Stopwatch.StartNew();
        var use = Task.Run(async () =>
        {
            await Task.Delay(measureFrom);
            var window = await MeasuredWindow.OpenAsync(host);
            await Task.Delay(options.Duration);
            return await window.CloseAsync();
        });
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var failures = new Dictionary<string, long>(StringComparer.Ordinal);
            var bytes = 0L;
            while (clock.Elapsed < stopAt)
            {
                using var request = nextRequest(Interlocked.Increment(ref sequence));
                var started = clock.Elapsed;
                string? failure;
                var length = 0;
                try
                {
                    using var response = await http.SendAsync(request);
                    length = (await response.Content.ReadAsByteArrayAsync()).Length;
                    failure = (int)response.StatusCode == expectedStatus ? null : $"status {(int)response.StatusCode}";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failure = ex.GetType().Name;
                }

                var finished = clock.Elapsed;
                if (finished < measureFrom || finished > stopAt)
                {
                    continue;
                }

                if (failure is null)
                {
                    latencies.Add((finished - started).TotalMilliseconds);
                    bytes += length;
                }
                else
                {
                    failures[failure] = failures.GetValueOrDefault(failure) + 1;
                }
            }

            return (latencies, failures, bytes);
        })).ToList();

        var results = await Task.WhenAll(workers);
        var all = results.SelectMany(r => r.latencies).ToList();
        return new LoadResult(
            Name,
            all.Count,
            results.SelectMany(r => r.failures).GroupBy(f => f.Key, f => f.Value).ToDictionary(g => g.Key, g => g.Sum(), StringComparer.Ordinal),
            options.Duration,
            Percentiles.Of(all),
            all.Count == 0 ? 0 : (double)results.Sum(r => r.bytes) / all.Count,
            await use);
    }
}
