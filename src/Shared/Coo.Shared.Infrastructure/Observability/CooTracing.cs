using System.Diagnostics;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>
/// Coo's own spans, and the W3C trace context that carries a trace from the request that changed something to the
/// outbox deliveries and background jobs that finish the work, however much later they run.
/// </summary>
public static class CooTracing
{
    public static readonly ActivitySource Messaging = new("Coo.Messaging");

    public static readonly ActivitySource Jobs = new("Coo.Jobs");

    /// <summary>The current span as a W3C <c>traceparent</c> and <c>tracestate</c>, or nulls outside a trace.</summary>
    public static (string? TraceParent, string? TraceState) CaptureCurrent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
            ? (current.Id, current.TraceStateString)
            : (null, null);

    /// <summary>Starts a span whose parent is the stored context (a root span when none was stored or it is malformed).</summary>
    public static Activity? StartWithStoredParent(
        this ActivitySource source, string name, ActivityKind kind, string? traceParent, string? traceState)
    {
        var parent = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var stored) ? stored : default;
        return source.StartActivity(name, kind, parent);
    }

    /// <summary>A short event name for span names: <c>CooPosted</c> for "Coo.Modules.Coos.Contracts.CooPostedIntegrationEvent, Assembly".</summary>
    public static string EventName(string eventTypeName)
    {
        var fullName = eventTypeName.Split(',')[0];
        var name = fullName[(fullName.LastIndexOf('.') + 1)..];
        return name.EndsWith("IntegrationEvent", StringComparison.Ordinal) ? name[..^"IntegrationEvent".Length] : name;
    }

    /// <summary>
    /// A short consumer name for span names that still tells modules apart (several modules consume one event, often
    /// with handlers of the same name): <c>Timeline.CooPostedHandler</c> for
    /// "Coo.Modules.Timeline.IntegrationEventHandlers.CooPostedHandler"; other types keep their own name.
    /// </summary>
    public static string ConsumerName(string consumerTypeName)
    {
        const string modulePrefix = "Coo.Modules.";
        var name = consumerTypeName[(consumerTypeName.LastIndexOf('.') + 1)..];
        if (!consumerTypeName.StartsWith(modulePrefix, StringComparison.Ordinal))
        {
            return name;
        }

        var module = consumerTypeName[modulePrefix.Length..].Split('.')[0];
        return $"{module}.{name}";
    }

    /// <summary>Marks a span as failed, with the exception as an event.</summary>
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }
}
