using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Kernel;

namespace Coo.Modules.Timeline.Jobs;

/// <summary>One batch of a large fan-out, run by the job engine; retried by it, and idempotent like every timeline write.</summary>
internal sealed class FanOutBatchJob(TimelineDbContext db, TimelineStore timelines, ITimelineCache cache, CooMetrics metrics, TimeProvider time)
{
    public async Task RunAsync(long cooId, long authorId, long afterFollowerId, long upToFollowerId, CancellationToken cancellationToken)
    {
        // A child of the job's span, which continues the trace of the post (see TraceContextJobFilter).
        using var activity = CooTracing.Jobs.StartActivity("fan-out batch");
        activity?.SetTag("coo.coo_id", cooId);
        activity?.SetTag("coo.followers.after", afterFollowerId);
        activity?.SetTag("coo.followers.up_to", upToFollowerId);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reached = await timelines.FanOutAsync(cooId, authorId, afterFollowerId, upToFollowerId, cancellationToken);
        if (cache.KeepsCopies && reached.Count > 0)
        {
            db.Publish(TimelineCacheChanged.CooAdded(cooId, reached, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.FanOutWritten(SnowflakeIdGenerator.CreatedAt(cooId));
        activity?.SetTag("coo.followers.reached", reached.Count);
    }
}
