using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Coo.Bench;

/// <summary>
/// Where the host's allocations came from during one run: the runtime's allocation samples (an <c>AllocationTick</c>
/// event, with its stack, about every 100 KB a thread allocates), read through the host's diagnostics port as
/// <c>dotnet-trace collect --profile gc-verbose</c> reads them, summed by type and by the methods on the stacks. The
/// summary goes to <c>alloc-{run}.txt</c> beside the report. Sampling walks stacks, so this is an extra run too.
/// </summary>
internal static class AllocationProfile
{
    /// <summary>The runtime provider's GC keyword: at verbose level it includes the allocation samples.</summary>
    private const long GcKeyword = 0x1;

    private const int StackFramesKept = 40;
    private const int LinesKept = 60;

    public static async Task WhileAsync(BenchHost host, string run, string folder, string reportFolder, Func<Task> load)
    {
        var trace = Path.Combine(folder, $"alloc-{host.ProcessId}-{Guid.NewGuid():N}.nettrace");
        var session = await new DiagnosticsClient(host.ProcessId).StartEventPipeSessionAsync(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, GcKeyword), requestRundown: true, token: CancellationToken.None);
        using (session)
        {
            await using var file = File.Create(trace);
            var written = session.EventStream.CopyToAsync(file);
            await load();
            await session.StopAsync(CancellationToken.None);
            await written;
        }

        var etlx = TraceLog.CreateFromEventPipeDataFile(trace);
        var (byType, byMethod, total) = Summarise(etlx);
        File.Delete(trace);
        File.Delete(etlx);

        var name = string.Join('-', run.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
        await File.WriteAllLinesAsync(Path.Combine(reportFolder, $"alloc-{name}.txt"), [
            string.Create(CultureInfo.InvariantCulture, $"{run}: {total / 1024.0 / 1024.0:F0} MiB sampled"),
            "",
            "By type (share of the sampled bytes):",
            .. Lines(byType, total),
            "",
            "By method on the stack (share of the sampled bytes allocated under it):",
            .. Lines(byMethod, total)]);
    }

    private static (Dictionary<string, long> ByType, Dictionary<string, long> ByMethod, long Total) Summarise(string etlx)
    {
        using var log = new TraceLog(etlx);
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var byMethod = new Dictionary<string, long>(StringComparer.Ordinal);
        var total = 0L;
        foreach (var traced in log.Events)
        {
            // TraceEvents enumerates only as its generic self (OfType's non-generic enumeration is not implemented).
            if (traced is not GCAllocationTickTraceData sample)
            {
                continue;
            }

            var bytes = sample.AllocationAmount64;
            total += bytes;
            byType[sample.TypeName] = byType.GetValueOrDefault(sample.TypeName) + bytes;
            var methods = new HashSet<string>(StringComparer.Ordinal);
            for (var frame = sample.CallStack(); frame is not null && methods.Count < StackFramesKept; frame = frame.Caller)
            {
                if (frame.CodeAddress.FullMethodName is { Length: > 0 } method && methods.Add(method))
                {
                    byMethod[method] = byMethod.GetValueOrDefault(method) + bytes;
                }
            }
        }

        return (byType, byMethod, total);
    }

    private static IEnumerable<string> Lines(Dictionary<string, long> bytes, long total) =>
        bytes.OrderByDescending(b => b.Value).Take(LinesKept)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{100.0 * b.Value / Math.Max(total, 1),6:F1}%  {b.Key}"));
}
