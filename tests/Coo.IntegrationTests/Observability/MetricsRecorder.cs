using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Observability;

/// <summary>
/// Listens to one host's <c>Coo</c> meter (not to other hosts' meters of the same name in this process) and keeps
/// every measurement, so a test can see exactly what its own actions recorded.
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();
    private readonly ConcurrentQueue<Recorded> _observed = new();

    public MetricsRecorder(IServiceProvider hostServices)
    {
        var meter = hostServices.GetRequiredService<CooMetrics>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's increments, optionally only those with the attribute <paramref name="tag"/>.</summary>
    public double Sum(string instrument, (string Key, string Value)? tag = null) =>
        Matching(instrument, tag).Sum(r => r.Value);

    /// <summary>The values a histogram recorded.</summary>
    public IReadOnlyList<double> Values(string instrument) => [.. Matching(instrument, null).Select(r => r.Value)];

    /// <summary>Reads an observable gauge now: its value for the given attribute, or null when it reported none.</summary>
    public double? Observe(string instrument, (string Key, string Value) tag)
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return _observed.Where(r => r.Instrument == instrument && r.Tags.GetValueOrDefault(tag.Key) == tag.Value)
            .Select(r => (double?)r.Value).LastOrDefault();
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<Recorded> Matching(string instrument, (string Key, string Value)? tag) =>
        _recorded.Where(r => r.Instrument == instrument && (tag is not { } t || r.Tags.GetValueOrDefault(t.Key) == t.Value));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            attributes[key] = tagValue?.ToString();
        }

        (instrument.IsObservable ? _observed : _recorded).Enqueue(new Recorded(instrument.Name, value, attributes));
    }

    private sealed record Recorded(string Instrument, double Value, Dictionary<string, string?> Tags);
}
