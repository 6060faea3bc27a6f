using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Coo.Bench;

/// <summary>
/// The host's GC heap of live objects: a full, blocking collection induced through the host's diagnostics port (an
/// EventPipe session enabling the runtime's GC-heap-collect keyword, as dotnet-gcdump starts its dumps), then the heap
/// size after it as <c>/metrics</c> reports it, summed over the generations. Without it the heap size would include
/// whatever garbage the last collection, of whichever generation, left.
/// </summary>
internal static class LiveHeap
{
    private const string HeapSizeMetric = "dotnet_gc_last_collection_heap_size_bytes";
    private const string CollectionsMetric = "dotnet_gc_collections_total";
    private const string FullCollections = "gc_heap_generation=\"gen2\"";

    /// <summary>The runtime provider's GCHeapCollect keyword: enabling it makes the runtime collect at once.</summary>
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<long> MeasureAsync(BenchHost host)
    {
        var collectionsBefore = await RuntimeCounters.ReadAsync(host, CollectionsMetric, FullCollections);
        var session = await new DiagnosticsClient(host.ProcessId).StartEventPipeSessionAsync(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword), requestRundown: false, token: CancellationToken.None);
        using (session)
        {
            var drained = session.EventStream.CopyToAsync(Stream.Null);
            var clock = Stopwatch.StartNew();
            while (await RuntimeCounters.ReadAsync(host, CollectionsMetric, FullCollections) == collectionsBefore)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("The host did not collect within 30 s of being asked through its diagnostics port.");
                }

                await Task.Delay(100);
            }

            await session.StopAsync(CancellationToken.None);
            await drained;
        }

        return await RuntimeCounters.ReadAsync(host, HeapSizeMetric);
    }
}
