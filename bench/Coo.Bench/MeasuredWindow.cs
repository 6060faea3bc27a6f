using System.Globalization;

namespace Coo.Bench;

/// <summary>What one measured window cost: the machine's CPU shares and the host's runtime counters over it.</summary>
internal sealed record WindowUse(CpuUse Cpu, RuntimeCounters Runtime);

/// <summary>
/// Reads the CPU ticks and the host's runtime counters when a measured run starts and again when it ends. The counters
/// are scraped outside the CPU readings, so the scrapes' own cost stays out of the CPU shares.
/// </summary>
internal sealed class MeasuredWindow
{
    private readonly BenchHost _host;
    private readonly IReadOnlyList<int> _redisProcessIds;
    private readonly RuntimeCounters _countersBefore;
    private readonly CpuTicks _ticksBefore;

    private MeasuredWindow(BenchHost host, IReadOnlyList<int> redisProcessIds, RuntimeCounters countersBefore, CpuTicks ticksBefore)
    {
        _host = host;
        _redisProcessIds = redisProcessIds;
        _countersBefore = countersBefore;
        _ticksBefore = ticksBefore;
    }

    public static async Task<MeasuredWindow> OpenAsync(BenchHost host)
    {
        // As `pgrep -x redis-server` finds it; only counted when the host uses Redis, else it is other work.
        var redisProcessIds = host.UsesRedis ? RedisProcessIds() : [];
        var counters = await RuntimeCounters.ReadAsync(host);
        return new MeasuredWindow(host, redisProcessIds, counters, CpuTicks.Read(host.ProcessId, redisProcessIds));
    }

    /// <param name="loadGeneratorTicks">CPU ticks of the load generator process (wrk) within the window; null when
    /// this bench process generated the load itself.</param>
    public async Task<WindowUse> CloseAsync(long? loadGeneratorTicks = null)
    {
        var ticksAfter = CpuTicks.Read(_host.ProcessId, _redisProcessIds);
        var counters = await RuntimeCounters.ReadAsync(_host);
        var cpu = CpuUse.Between(_ticksBefore, ticksAfter, loadGeneratorTicks ?? (ticksAfter.Bench - _ticksBefore.Bench), redisMeasured: _redisProcessIds.Count > 0);
        return new WindowUse(cpu, counters.Since(_countersBefore));
    }

    /// <summary>
    /// Processes whose command name is exactly redis-server, as <c>pgrep -x</c> matches it (/proc/[pid]/comm);
    /// Process.GetProcessesByName does not find Redis, which rewrites its command line.
    /// </summary>
    private static int[] RedisProcessIds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0 && IsRedis(id))
            .ToArray();

    private static bool IsRedis(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/comm").TrimEnd('\n') == "redis-server";
        }
        catch (IOException)
        {
            return false; // ended meanwhile
        }
    }
}
