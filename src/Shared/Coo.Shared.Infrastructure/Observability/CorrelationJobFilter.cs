using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>Carries the correlation id of the code that enqueued a Hangfire job into the job's execution.</summary>
public sealed class CorrelationJobFilter : JobFilterAttribute, IClientFilter, IServerFilter
{
    private const string Parameter = "CorrelationId";
    private const string ScopeItem = "Coo.CorrelationScope";

    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CorrelationContext.Current is { } correlationId)
        {
            context.SetJobParameter(Parameter, correlationId);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var correlationId = context.GetJobParameter<string>(Parameter) ?? $"job-{context.BackgroundJob.Id}";
        context.Items[ScopeItem] = CorrelationContext.Use(correlationId);
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ScopeItem, out var scope))
        {
            ((IDisposable)scope).Dispose();
        }
    }
}
