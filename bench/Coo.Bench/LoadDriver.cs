using System.Diagnostics;

namespace Coo.Bench;

/// <summary>What one load run measured inside its measuring window (the warm-up is left out).</summary>
/// <param name="LoadGenerator"><see cref="WrkDriver.Name"/> or <see cref="LoadDriver.Name"/>.</param>
/// <param name="MeanResponseBytes">wrk counts whole responses, headers included; the C# client counts bodies.</param>
/// <param name="WarmedUp">How long the load ran unmeasured before the measured run.</param>
internal sealed record LoadResult(string LoadGenerator, long Requests, IReadOnlyDictionary<string, long> Failures, TimeSpan Duration, Percentiles LatencyMs, double MeanResponseBytes, WindowUse Use, TimeSpan WarmedUp)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public long FailureCount => Failures.Values.Sum();

    /// <summary>How requests failed, e.g. "status 500: 3, TaskCanceledException: 1"; empty when none did.</summary>
    public string FailureReasons => string.Join(", ", Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key}: {f.Value}"));

    public CpuUse Cpu => Use.Cpu;

    /// <summary>The host's CPU time per request: what a request costs, whatever else competed for the cores.</summary>
    public double HostCpuMsPerRequest => Cpu.Host * Environment.ProcessorCount * Cpu.Window.TotalMilliseconds / Requests;

    /// <summary>
    /// The whole machine's CPU time per request but the load generator's: the host, Redis, and the rest, the database
    /// among it (and anything else that ran on the machine meanwhile).
    /// </summary>
    public double MachineCpuMsPerRequest => (Cpu.Host + (Cpu.Redis ?? 0) + Cpu.Other) * Environment.ProcessorCount * Cpu.Window.TotalMilliseconds / Requests;

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
    /// <param name="warmUp">Instead of <see cref="BenchOptions.WarmUp"/>, e.g. until the JIT has settled.</param>
    public static async Task<LoadResult> RunAsync(BenchHost host, BenchOptions options, int connections, Func<long, HttpRequestMessage> nextRequest, int expectedStatus = 200, WarmUp? warmUp = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var sequence = -1L;
        var clock = Stopwatch.StartNew();

        // The load runs on until the measured window has closed; which requests count is decided afterwards, by when they finished.
        var window = Task.Run(async () =>
        {
            var warmedUp = await (warmUp ?? WarmUp.Fixed(options.WarmUp)).RunAsync(host, Task.Delay);
            var measuring = await MeasuredWindow.OpenAsync(host);
            var from = clock.Elapsed;
            await Task.Delay(options.Duration);
            var to = clock.Elapsed;
            return (From: from, To: to, Use: await measuring.CloseAsync(), WarmedUp: warmedUp);
        });
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var requests = new List<(TimeSpan Finished, double LatencyMs, string? Failure, int Bytes)>();
            while (!window.IsCompleted)
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
                requests.Add((finished, (finished - started).TotalMilliseconds, failure, length));
            }

            return requests;
        })).ToList();

        var (from, to, use, warmedUp) = await window;
        var measured = (await Task.WhenAll(workers)).SelectMany(r => r).Where(r => r.Finished >= from && r.Finished <= to).ToList();
        var succeeded = measured.Where(r => r.Failure is null).ToList();
        return new LoadResult(
            Name,
            succeeded.Count,
            measured.Where(r => r.Failure is not null).GroupBy(r => r.Failure!).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
            options.Duration,
            Percentiles.Of([.. succeeded.Select(r => r.LatencyMs)]),
            succeeded.Count == 0 ? 0 : (double)succeeded.Sum(r => r.Bytes) / succeeded.Count,
            use,
            warmedUp);
    }
}
