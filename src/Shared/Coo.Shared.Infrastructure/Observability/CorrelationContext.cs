namespace Coo.Shared.Infrastructure.Observability;

/// <summary>The correlation id of the work in progress: a request, an outbox delivery or a background job.</summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string? Current => CurrentId.Value;

    /// <summary>Makes <paramref name="correlationId"/> current, in the log context too, until the result is disposed.</summary>
    public static IDisposable Use(string? correlationId)
    {
        var previous = CurrentId.Value;
        CurrentId.Value = correlationId;
        var logProperty = Serilog.Context.LogContext.PushProperty("CorrelationId", correlationId);
        return new Restore(previous, logProperty);
    }

    private sealed class Restore(string? previous, IDisposable logProperty) : IDisposable
    {
        public void Dispose()
        {
            logProperty.Dispose();
            CurrentId.Value = previous;
        }
    }
}
