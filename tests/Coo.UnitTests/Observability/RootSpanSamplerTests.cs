using System.Diagnostics;
using Coo.Host.Composition;
using OpenTelemetry.Trace;

namespace Coo.UnitTests.Observability;

public sealed class RootSpanSamplerTests
{
    /// <summary>The same 2,000 trace ids every run (a seeded generator), so the counts below never vary.</summary>
    private static readonly ActivityTraceId[] TraceIds = NewTraceIds(2000, seed: 12);

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 2000)]
    public void A_ratio_of_0_or_1_records_no_trace_or_every_trace(double ratio, int expected)
    {
        Assert.Equal(expected, SampledRoots(new ParentBasedSampler(new RootSpanSampler(ratio)), ActivityKind.Server));
    }

    [Fact]
    public void A_ratio_of_a_tenth_records_about_a_tenth_of_the_traces_started_here()
    {
        // Sampling is by trace id, so the share over 2,000 ids spread like random ones is close to the ratio.
        Assert.InRange(SampledRoots(new ParentBasedSampler(new RootSpanSampler(0.1)), ActivityKind.Server), 200 - 54, 200 + 54);
    }

    [Fact]
    public void A_database_call_outside_any_span_starts_no_trace()
    {
        Assert.Equal(0, SampledRoots(new ParentBasedSampler(new RootSpanSampler(1.0)), ActivityKind.Client));
    }

    [Theory]
    [InlineData(ActivityTraceFlags.Recorded, SamplingDecision.RecordAndSample)]
    [InlineData(ActivityTraceFlags.None, SamplingDecision.Drop)]
    public void A_span_under_a_parent_follows_the_parents_decision_whatever_the_ratio(ActivityTraceFlags parentFlags, SamplingDecision expected)
    {
        var sampler = new ParentBasedSampler(new RootSpanSampler(parentFlags == ActivityTraceFlags.Recorded ? 0.0 : 1.0));
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), parentFlags, isRemote: true);

        var result = sampler.ShouldSample(new SamplingParameters(parent, parent.TraceId, "POST /api/v1/coos", ActivityKind.Server));

        Assert.Equal(expected, result.Decision);
    }

    private static int SampledRoots(Sampler sampler, ActivityKind kind) =>
        TraceIds.Count(id => sampler.ShouldSample(new SamplingParameters(default, id, "root", kind)).Decision == SamplingDecision.RecordAndSample);

    private static ActivityTraceId[] NewTraceIds(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return ActivityTraceId.CreateFromBytes(bytes);
        })];
    }
}
