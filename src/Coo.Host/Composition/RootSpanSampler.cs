using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Coo.Host.Composition;

/// <summary>
/// Decides for a span that starts a trace; a child follows its parent's decision (<see cref="ParentBasedSampler"/>),
/// so a request whose caller sampled its <c>traceparent</c> is always traced, and a trace is whole or absent. A database
/// or Redis call outside any span (the relays and consumers poll every couple of seconds per module) would start a
/// trace of its own, all noise: such root client spans are dropped. Other roots are sampled by trace id.
/// </summary>
internal sealed class RootSpanSampler(double ratio) : Sampler
{
    private readonly TraceIdRatioBasedSampler _byTraceId = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? new SamplingResult(SamplingDecision.Drop) : _byTraceId.ShouldSample(samplingParameters);
}
