using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;

namespace Coo.Modules.Timeline.Jobs;

/// <summary>One batch of a large fan-out, run by the job engine; retried by it, and idempotent like every timeline write.</summary>
internal sealed class FanOutBatchJob(
    TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync, AfterCommitActions afterCommit, CooMetrics metrics)
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
        cacheSync.CooAdded(cooId, reached);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await afterCommit.RunAsync(CancellationToken.None);
        metrics.FanOutWritten(SnowflakeIdGenerator.CreatedAt(cooId));
        activity?.SetTag("coo.followers.reached", reached.Count);
    }
}
