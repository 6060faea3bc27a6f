using Serilog.Core;
using Serilog.Events;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>
/// Adds <c>TraceId</c> and <c>SpanId</c> properties to every log event written inside a span, so that a log line
/// leads to its trace. Serilog records both on the event from <c>Activity.Current</c>, but the compact JSON writes
/// them only as <c>@tr</c>/<c>@sp</c>, and properties are what log stores index and text templates name.
/// </summary>
public sealed class TraceLogEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent is { TraceId: { } traceId, SpanId: { } spanId })
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty("TraceId", new ScalarValue(traceId.ToHexString())));
            logEvent.AddPropertyIfAbsent(new LogEventProperty("SpanId", new ScalarValue(spanId.ToHexString())));
        }
    }
}
