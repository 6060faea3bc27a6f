namespace Coo.Modules.Analytics.Domain;

/// <summary>How often <see cref="Metric"/> happened in one bucket (an hour or a day starting at <see cref="BucketStart"/>, UTC).</summary>
internal sealed class MetricCount(Granularity granularity, DateTime bucketStart, string metric, long value)
{
    public Granularity Granularity { get; private set; } = granularity;

    public DateTime BucketStart { get; private set; } = bucketStart;

    public string Metric { get; private set; } = metric;

    public long Value { get; private set; } = value;
}
