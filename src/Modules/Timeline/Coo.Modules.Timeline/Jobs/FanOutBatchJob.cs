using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Timeline.Jobs;

/// <summary>One batch of a large fan-out, run by the job engine; retried by it, and idempotent like every timeline write.</summary>
internal sealed class FanOutBatchJob(
    TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync, AfterCommitActions afterCommit, ISender sender, CooMetrics metrics)
{
    public async Task RunAsync(long cooId, long authorId, long afterFollowerId, long upToFollowerId, CancellationToken cancellationToken)
    {
        // A child of the job's span, which continues the trace of the post (see TraceContextJobFilter).
        using var activity = CooTracing.Jobs.StartActivity("fan-out batch");
        activity?.SetTag("coo.coo_id", cooId);
        activity?.SetTag("coo.followers.after", afterFollowerId);
        activity?.SetTag("coo.followers.up_to", upToFollowerId);

        // Whom a reply answers is looked up rather than passed, so that jobs enqueued before replies existed still run.
        if ((await sender.Send(new GetCooRefs([cooId]), cancellationToken)).SingleOrDefault() is not { } coo || coo.AuthorId != authorId)
        {
            return; // Deleted since: its tombstone would keep every entry out anyway.
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reached = await timelines.FanOutAsync(coo, afterFollowerId, upToFollowerId, cancellationToken);
        cacheSync.CooAdded(cooId, reached);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await afterCommit.RunAsync(CancellationToken.None);
        metrics.FanOutWritten(SnowflakeIdGenerator.CreatedAt(cooId));
        activity?.SetTag("coo.followers.reached", reached.Count);
    }
}
