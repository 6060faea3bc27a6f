using System.Globalization;

namespace Coo.Bench;

/// <summary>
/// How the machine's CPU time was spent during a measurement, as shares of all cores: the host, this bench client, and
/// everything else. Client and host share the machine, and other work on it changes the figures, so the report shows it.
/// Read from /proc (Linux), in clock ticks.
/// </summary>
internal sealed record CpuUse(double Host, double Bench, double Other)
{
    public static async Task<CpuUse> MeasureAsync(int hostProcessId, TimeSpan delay, TimeSpan duration)
    {
        await Task.Delay(delay);
        var (hostBefore, benchBefore, machineBefore) = Read(hostProcessId);
        await Task.Delay(duration);
        var (hostAfter, benchAfter, machineAfter) = Read(hostProcessId);
        var total = (double)(machineAfter.Total - machineBefore.Total);
        var (host, bench) = ((hostAfter - hostBefore) / total, (benchAfter - benchBefore) / total);
        var busy = (machineAfter.Busy - machineBefore.Busy) / total;
        return new CpuUse(host, bench, Math.Max(0, busy - host - bench));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host:P0} / {Bench:P0} / {Other:P0}");

    private static (long Host, long Bench, (long Total, long Busy) Machine) Read(int hostProcessId) =>
        (ProcessTicks(hostProcessId.ToString(CultureInfo.InvariantCulture)), ProcessTicks("self"), MachineTicks());

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
