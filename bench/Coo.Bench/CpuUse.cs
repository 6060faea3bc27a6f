using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

/// <summary>
/// Cumulative CPU times at one moment, in clock ticks, and the host's context switches so far, read from /proc (Linux).
/// </summary>
internal sealed record CpuTicks(long Host, long Bench, long Redis, long MachineTotal, long MachineBusy, IReadOnlyDictionary<int, long> HostContextSwitches, long Timestamp)
{
    /// <param name="redisProcessIds">The redis-server processes to count, if any.</param>
    public static CpuTicks Read(int hostProcessId, IReadOnlyList<int> redisProcessIds)
    {
        var (total, busy) = MachineTicks();
        return new CpuTicks(
            ProcessTicks(hostProcessId.ToString(CultureInfo.InvariantCulture)),
            ProcessTicks("self"),
            redisProcessIds.Sum(id => ProcessTicks(id.ToString(CultureInfo.InvariantCulture))),
            total,
            busy,
            ContextSwitches(hostProcessId),
            Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// The times each of the process's threads alive now was switched off a core, waiting (voluntary) or preempted
    /// (/proc/[pid]/task/[tid]/status): each is a trip through the kernel's scheduler, which costs a virtual machine
    /// far more than the work of a short request.
    /// </summary>
    private static Dictionary<int, long> ContextSwitches(int processId)
    {
        var switches = new Dictionary<int, long>();
        foreach (var thread in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                switches[int.Parse(Path.GetFileName(thread), CultureInfo.InvariantCulture)] = File.ReadLines(Path.Combine(thread, "status"))
                    .Where(line => line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    .Sum(line => long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return switches;
    }

    /// <summary>
    /// The host's context switches since <paramref name="before"/>: each thread's new ones, all of them for a thread
    /// started since, none below zero (a thread id reused meanwhile). A thread that ended meanwhile takes its count
    /// along, so this may count a little short, never over.
    /// </summary>
    public long HostContextSwitchesSince(CpuTicks before) =>
        HostContextSwitches.Sum(thread => Math.Max(0, thread.Value - before.HostContextSwitches.GetValueOrDefault(thread.Key)));

    /// <summary>utime + stime: fields 14 and 15 of /proc/[pid]/stat, counted after the parenthesised command name.</summary>
    private static long ProcessTicks(string process)
    {
        var stat = File.ReadAllText($"/proc/{process}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>The first line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is within user).</summary>
    private static (long Total, long Busy) MachineTicks()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total, total - ticks[3] - ticks[4]);
    }
}

/// <summary>
/// How the machine's CPU time was spent during a measurement, as shares of all cores: the host, the load generator
/// (wrk, or this bench's own C# client), Redis (null when the mode does not use it) and everything else. They all
/// share the machine, and other work on it changes the figures, so the report shows it.
/// </summary>
/// <param name="HostContextSwitches">How often the host's threads were switched off a core within the window.</param>
internal sealed record CpuUse(double Host, double LoadGenerator, double? Redis, double Other, long HostContextSwitches, TimeSpan Window)
{
    /// <param name="loadGeneratorTicks">CPU ticks the load generator spent within the window.</param>
    public static CpuUse Between(CpuTicks before, CpuTicks after, long loadGeneratorTicks, bool redisMeasured)
    {
        var total = (double)(after.MachineTotal - before.MachineTotal);
        var host = (after.Host - before.Host) / total;
        var loadGenerator = loadGeneratorTicks / total;
        var redis = (after.Redis - before.Redis) / total;
        var busy = (after.MachineBusy - before.MachineBusy) / total;
        return new CpuUse(
            host,
            loadGenerator,
            redisMeasured ? redis : null,
            Math.Max(0, busy - host - loadGenerator - redis),
            after.HostContextSwitchesSince(before),
            Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Host:P0} / {LoadGenerator:P0} / {(Redis is { } redis ? redis.ToString("P0", CultureInfo.InvariantCulture) : "–")} / {Other:P0}");
}
