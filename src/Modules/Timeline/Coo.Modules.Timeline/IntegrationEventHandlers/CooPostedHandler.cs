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
/// A new coo goes onto its author's timeline and the timelines of all their followers (a reply: of those who follow the
/// author it answers too). The coos of a batch are written
/// together, a statement for all of them at each step. A large follower list is written in batches of followers:
/// background jobs when the job storage is the database (the jobs are durably enqueued before this message counts as
/// handled), otherwise here, in this consumer's transaction, since in-memory jobs could be lost.
/// </summary>
internal sealed class CooPostedHandler(
    TimelineStore timelines,
    TimelineCacheSync cacheSync,
    LargeAuthors largeAuthors,
    AfterCommitActions afterCommit,
    IBackgroundJobClient jobs,
    DatabaseSettings database,
    IOptions<TimelineOptions> options,
    CooMetrics metrics) : IIntegrationEventBatchHandler<CooPostedIntegrationEvent>
{
    public Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        HandleAsync([integrationEvent], cancellationToken);

    public async Task HandleAsync(IReadOnlyList<CooPostedIntegrationEvent> integrationEvents, CancellationToken cancellationToken)
    {
        var coos = integrationEvents.Select(e => new CooRef(e.CooId, e.AuthorId, e.InReplyToAuthorId)).DistinctBy(c => c.Id).ToList();

        // A repost of a new coo may have been applied before the coo itself reached the timelines.
        cacheSync.Reshaped(await timelines.OriginalsReplaceRepostsAsync(coos, cancellationToken));

        // A large author's coos are merged into followers' timelines when they read them.
        var skipping = await largeAuthors.SkippingFanOutAsync([.. coos.Select(c => c.AuthorId).Distinct()], cancellationToken);
        var fannedOut = coos.Where(c => !skipping.Contains(c.AuthorId)).ToList();
        var followers = await timelines.FollowerCountsAsync([.. fannedOut.Select(c => c.AuthorId).Distinct()], cancellationToken);
        var inOneStatement = fannedOut.Where(c => followers.GetValueOrDefault(c.AuthorId) <= options.Value.FanOutBatchSize).ToList();
        var reached = await timelines.FanOutAsync(inOneStatement, cancellationToken);
        var added = new List<AddedCoo>();
        foreach (var coo in inOneStatement)
        {
            added.Add(new AddedCoo(coo.Id, [coo.AuthorId, .. reached[coo.Id]]));
            afterCommit.Add(_ =>
            {
                metrics.FanOutWritten(SnowflakeIdGenerator.CreatedAt(coo.Id));
                return Task.CompletedTask;
            });
        }

        foreach (var coo in fannedOut.Except(inOneStatement))
        {
            added.Add(await FanOutInBatchesAsync(coo, cancellationToken));
        }

        added.AddRange(coos.Where(c => skipping.Contains(c.AuthorId)).Select(c => new AddedCoo(c.Id, [c.AuthorId])));
        cacheSync.CoosAdded(added);

        // Last, just before the commit. With Timeline on a database of its own the post writes the same entries right
        // after its commit (RecordOwnCoo), and an insert of a key this transaction holds uncommitted waits for the
        // commit: written first, they made a post wait for its whole batch's fan-out whenever this consumer got there first.
        await timelines.AddOwnAsync(coos, cancellationToken);
    }

    /// <returns>The timelines the coo is on once this transaction commits; batches left to jobs add theirs when they run.</returns>
    private async Task<AddedCoo> FanOutInBatchesAsync(CooRef coo, CancellationToken cancellationToken)
    {
        var reached = new List<long> { coo.AuthorId };
        foreach (var (after, upTo) in await timelines.FollowerBatchesAsync(coo.AuthorId, options.Value.FanOutBatchSize, cancellationToken))
        {
            if (database.HasDurableJobStorage)
            {
                jobs.Enqueue<FanOutBatchJob>(job => job.RunAsync(coo.Id, coo.AuthorId, after, upTo, CancellationToken.None));
            }
            else
            {
                reached.AddRange(await timelines.FanOutAsync(coo, after, upTo, cancellationToken));
                afterCommit.Add(_ =>
                {
                    metrics.FanOutWritten(SnowflakeIdGenerator.CreatedAt(coo.Id));
                    return Task.CompletedTask;
                });
            }
        }

        return new AddedCoo(coo.Id, [.. reached]);
    }
}
