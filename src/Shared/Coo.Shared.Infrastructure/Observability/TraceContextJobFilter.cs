using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>
/// Carries the W3C trace context of the code that enqueued a Hangfire job into the job's execution: the job runs
/// in a span whose parent is the enqueuing span, so a fan-out batch belongs to the trace of the post that caused it.
/// </summary>
public sealed class TraceContextJobFilter : JobFilterAttribute, IClientFilter, IServerFilter
{
    private const string TraceParentParameter = "TraceParent";
    private const string TraceStateParameter = "TraceState";
    private const string ActivityItem = "Coo.JobActivity";

    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (traceParent, traceState) = CooTracing.CaptureCurrent();
        if (traceParent is not null)
        {
            context.SetJobParameter(TraceParentParameter, traceParent);
        }

        if (traceState is not null)
        {
            context.SetJobParameter(TraceStateParameter, traceState);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.BackgroundJob.Job;
        var activity = CooTracing.Jobs.StartWithStoredParent(
            $"job {job.Type.Name}.{job.Method.Name}",
            ActivityKind.Consumer,
            context.GetJobParameter<string>(TraceParentParameter),
            context.GetJobParameter<string>(TraceStateParameter));
        activity?.SetTag("coo.job.id", context.BackgroundJob.Id);
        if (activity is not null)
        {
            context.Items[ActivityItem] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ActivityItem, out var item) && item is Activity activity)
        {
            if (context.Exception is { } exception && !context.ExceptionHandled)
            {
                activity.RecordFailure(exception);
            }

            activity.Dispose();
        }
    }
}
