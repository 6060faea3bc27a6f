using System.ComponentModel.DataAnnotations;

namespace Coo.Host.Composition;

/// <summary>Settings of section <c>Tracing</c>.</summary>
internal sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>
    /// The share of traces starting here (requests without a sampled caller's <c>traceparent</c>, recurring jobs) that
    /// record spans. An unsampled request pays almost nothing for tracing; 1 records every trace.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SampleRatio { get; set; } = 0.1;
}
