using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

/// <param name="WorkingSetBytes">The host's resident memory (VmRSS).</param>
/// <param name="LiveHeapBytes">The host's GC heap after a full collection (<see cref="LiveHeap"/>).</param>
internal sealed record IdleStreamsStep(int Streams, long WorkingSetBytes, long LiveHeapBytes);

/// <param name="Users">How many users the streams belong to (the freshness author's followers, in turn).</param>
/// <param name="Steps">The host with no stream open first, then at each step.</param>
/// <param name="Idle">The machine's CPU over the idle wait with every stream open.</param>
/// <param name="StillOpen">Streams the host had not ended after the idle wait and the coo.</param>
/// <param name="Announced">Streams that announced the coo the author posted at the end (<c>update</c>).</param>
/// <param name="AnnouncedAfter">Over the streams that announced it: from the coo's acknowledgement until they did, ms.</param>
internal sealed record IdleStreamsResult(
    int Users, IReadOnlyList<IdleStreamsStep> Steps, TimeSpan IdleWait, CpuUse Idle, int StillOpen, int Announced, Percentiles AnnouncedAfter)
{
    public IdleStreamsStep Largest => Steps[^1];

    public bool AllOpenAndAnnounced => StillOpen == Largest.Streams && Announced == Largest.Streams;

    public double WorkingSetBytesPerStream => (double)(Largest.WorkingSetBytes - Steps[0].WorkingSetBytes) / Largest.Streams;

    public double LiveHeapBytesPerStream => (double)(Largest.LiveHeapBytes - Steps[0].LiveHeapBytes) / Largest.Streams;
}

/// <summary>
/// How many idle live streams (<c>GET /api/v1/users/me/stream</c>) one host holds and what each costs it: opens streams in
/// steps (<see cref="BenchOptions.Streams"/>) for the followers of the freshness author in turn, and reads the host's
/// working set and live GC heap before the first and after each step. With every stream open, waits past the idle
/// heartbeat, then the author posts a coo: every stream should still be open and announce it.
/// </summary>
internal static class IdleStreamsScenario
{
    /// <summary>Past one idle heartbeat (<c>Streaming:HeartbeatInterval</c>, 20 s), so that every stream has sent one.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(25);

    /// <summary>Streams opened at once: each open is a request the host answers at once, so a few keep it busy.</summary>
    private const int OpeningAtOnce = 16;

    /// <summary>File descriptors the bench and the host keep for everything besides the streams (each holds one in both).</summary>
    private const int OtherFileDescriptors = 1000;

    /// <summary>How many streams each follower holds at the largest step.</summary>
    public static int StreamsPerUser(BenchOptions options) => (options.Streams[^1] + options.Followers - 1) / options.Followers;

    public static async Task<IdleStreamsResult> RunAsync(BenchHost host, ApiClient api, BenchOptions options, IReadOnlyList<Account> followers)
    {
        var openFilesLimit = OpenFilesLimit();
        if (options.Streams[^1] + OtherFileDescriptors > openFilesLimit)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{options.Streams[^1]:N0} streams need more open files than the limit of {openFilesLimit:N0} (ulimit -n) allows."));
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = host.Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var streams = new List<UserStream>();
        try
        {
            var steps = new List<IdleStreamsStep> { await MeasureAsync(host, 0) };
            foreach (var step in options.Streams)
            {
                var opening = Enumerable.Range(streams.Count, step - streams.Count).Select(i => followers[i % followers.Count]).ToList();
                var opened = new UserStream[opening.Count];
                await Parallel.ForAsync(0, opening.Count, new ParallelOptions { MaxDegreeOfParallelism = OpeningAtOnce }, async (i, _) =>
                    opened[i] = await UserStream.OpenAsync(http, opening[i]));
                streams.AddRange(opened);
                steps.Add(await MeasureAsync(host, streams.Count));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  idle streams: {streams.Count:N0} open, host working set {steps[^1].WorkingSetBytes / 1048576.0:F0} MiB, live GC heap {steps[^1].LiveHeapBytes / 1048576.0:F0} MiB"));
            }

            var window = await MeasuredWindow.OpenAsync(host);
            await Task.Delay(IdleWait);
            var idle = (await window.CloseAsync()).Cpu;

            var author = await api.SignInAsync(SeedData.Username(SeedData.FreshnessAuthor));
            var coo = await api.PostAsync(author, "a coo for every idle stream");
            var acknowledged = Stopwatch.GetTimestamp();
            var announced = await Task.WhenAll(streams.Select(s => s.UpdateArrivedAsync(coo).WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(
                t => t.IsCompletedSuccessfully ? t.Result : (long?)null, TaskScheduler.Default)));
            var arrived = announced.Where(a => a is not null).Select(a => Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, a!.Value).TotalMilliseconds)).ToList();
            var result = new IdleStreamsResult(
                Math.Min(followers.Count, streams.Count), steps, IdleWait, idle, streams.Count(s => s.IsOpen), arrived.Count, Percentiles.Of(arrived));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  idle streams: {result.WorkingSetBytesPerStream / 1024:F1} KiB working set and {result.LiveHeapBytesPerStream / 1024:F1} KiB live GC heap per stream; host CPU {idle.Host:P1} over {IdleWait.TotalSeconds:F0} s idle; {result.StillOpen:N0} of {streams.Count:N0} still open, {result.Announced:N0} announced the author's coo, after its acknowledgement p50 {result.AnnouncedAfter.P50:F0} ms, p99 {result.AnnouncedAfter.P99:F0} ms, max {result.AnnouncedAfter.Max:F0} ms"));
            return result;
        }
        finally
        {
            await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static async Task<IdleStreamsStep> MeasureAsync(BenchHost host, int streams)
    {
        var liveHeap = await LiveHeap.MeasureAsync(host);
        return new IdleStreamsStep(streams, host.WorkingSetBytes(), liveHeap);
    }

    /// <summary>This process's soft limit of open files (the host, started by it, inherits it): /proc/self/limits.</summary>
    private static long OpenFilesLimit()
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
    }
}
