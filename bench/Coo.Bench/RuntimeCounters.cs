using System.Globalization;

namespace Coo.Bench;

/// <summary>
/// The host's .NET runtime counters that tell whether a measurement is sound, read from its Prometheus <c>/metrics</c>:
/// methods JIT-compiled (near 0 during a run once tiered compilation has settled), bytes allocated on the GC heap, and
/// the collections and the time the GC paused the process, which every request in flight waits out.
/// </summary>
internal sealed record RuntimeCounters(long CompiledMethods, long AllocatedBytes, long Collections, double GcPauseSeconds)
{
    public const string CompiledMethodsMetric = "dotnet_jit_compiled_methods_total";
    private const string AllocatedBytesMetric = "dotnet_gc_heap_total_allocated_bytes_total";
    private const string CollectionsMetric = "dotnet_gc_collections_total";
    private const string GcPauseMetric = "dotnet_gc_pause_time_seconds_total";

    public static async Task<RuntimeCounters> ReadAsync(BenchHost host)
    {
        using var client = host.CreateMetricsClient();
        var lines = (await client.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Split('\n');
        return new RuntimeCounters(
            (long)Sum(lines, CompiledMethodsMetric),
            (long)Sum(lines, AllocatedBytesMetric),
            (long)Sum(lines, CollectionsMetric),
            Sum(lines, GcPauseMetric));
    }

    /// <summary>One metric of the host's <c>/metrics</c> now, summed over its series (those with <paramref name="label"/>, e.g. <c>a="b"</c>, when given).</summary>
    public static async Task<long> ReadAsync(BenchHost host, string metric, string? label = null)
    {
        using var client = host.CreateMetricsClient();
        return (long)Sum((await client.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Split('\n'), metric, label);
    }

    public RuntimeCounters Since(RuntimeCounters before) => new(
        CompiledMethods - before.CompiledMethods,
        AllocatedBytes - before.AllocatedBytes,
        Collections - before.Collections,
        GcPauseSeconds - before.GcPauseSeconds);

    /// <summary>The metric's value summed over its series: <c>name{labels} value [timestamp]</c>.</summary>
    private static double Sum(string[] lines, string metric, string? label = null)
    {
        var values = lines
            .Where(l => l.StartsWith(metric, StringComparison.Ordinal) && l.Length > metric.Length && l[metric.Length] is '{' or ' ')
            .Where(l => label is null || l.Contains(label, StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf('}') is var labelsEnd and >= 0 ? labelsEnd + 1 : metric.Length)..].Trim().Split(' ')[0])
            .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToList();
        return values.Count > 0 ? values.Sum() : throw new InvalidOperationException($"The host's /metrics has no {metric}.");
    }
}
