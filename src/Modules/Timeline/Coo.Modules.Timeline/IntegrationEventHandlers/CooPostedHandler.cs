using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Jobs;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>
/// A new coo goes onto its author's timeline and the timelines of all their followers. A large follower list is
/// written in batches: background jobs when the job storage is the database (the jobs are durably enqueued before
/// this message counts as handled), otherwise here, in this consumer's transaction, since in-memory jobs could be lost.
/// </summary>
internal sealed class CooPostedHandler(
    TimelineStore timelines,
    TimelineCacheSync cacheSync,
    LargeAuthors largeAuthors,
    AfterCommitActions afterCommit,
    IBackgroundJobClient jobs,
    DatabaseSettings database,
    IOptions<TimelineOptions> options,
    CooMetrics metrics) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    public async Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (cooId, authorId) = (integrationEvent.CooId, integrationEvent.AuthorId);
        await timelines.AddOwnAsync(cooId, authorId, cancellationToken);
        var reached = new List<long> { authorId };
        if (await largeAuthors.SkipsFanOutAsync(authorId, cancellationToken))
        {
            cacheSync.CooAdded(cooId, reached);
            return; // Merged into followers' timelines when they read them.
        }

        var batches = await timelines.FollowerBatchesAsync(authorId, options.Value.FanOutBatchSize, cancellationToken);
        foreach (var (after, upTo) in batches)
        {
            if (database.HasDurableJobStorage && batches.Count > 1)
            {
                jobs.Enqueue<FanOutBatchJob>(job => job.RunAsync(cooId, authorId, after, upTo, CancellationToken.None));
            }
            else
            {
                reached.AddRange(await timelines.FanOutAsync(cooId, authorId, after, upTo, cancellationToken));
                afterCommit.Add(_ =>
                {
                    metrics.FanOutWritten(SnowflakeIdGenerator.CreatedAt(cooId));
                    return Task.CompletedTask;
                });
            }
        }

        cacheSync.CooAdded(cooId, reached);
    }
}
