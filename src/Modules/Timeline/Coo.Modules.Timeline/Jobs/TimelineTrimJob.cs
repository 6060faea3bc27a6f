using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Jobs;

/// <summary>
/// Recurring: cuts every timeline back to its newest <see cref="TimelineOptions.MaxEntries"/> entries and raises its
/// horizon to match, so that reads fill older pages from the authors' coos instead of stopping; forgets old tombstones.
/// </summary>
internal sealed partial class TimelineTrimJob(
    TimelineDbContext db,
    TimelineStore timelines,
    IOptions<TimelineOptions> options,
    IOptions<OutboxOptions> outbox,
    TimeProvider time,
    ILogger<TimelineTrimJob> logger) : IRecurringJob
{
    public string Id => "timeline-trim";

    public string Schedule => "*/10 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var max = options.Value.MaxEntries;
        var owners = await db.Entries.GroupBy(e => e.OwnerId).Where(g => g.Count() > max).Select(g => g.Key).ToListAsync(cancellationToken);
        foreach (var owner in owners)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var oldestKept = await db.Entries.Where(e => e.OwnerId == owner)
                .OrderByDescending(e => e.Position).Skip(max - 1).Select(e => (long?)e.Position).FirstOrDefaultAsync(cancellationToken);
            if (oldestKept is null)
            {
                continue; // Unfollows or deletes shrank it since it was listed.
            }

            await timelines.RaiseHorizonAsync(owner, oldestKept.Value, cancellationToken);
            await db.Entries.Where(e => e.OwnerId == owner && e.Position < oldestKept.Value).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // A tombstone matters only while its coo's events may still arrive; delivered messages are kept as long.
        var tombstoneCutoff = time.GetUtcNow() - outbox.Value.Retention;
        await db.DeletedCoos.Where(d => d.DeletedAt < tombstoneCutoff).ExecuteDeleteAsync(cancellationToken);
        await db.UndoneReposts.Where(u => u.UndoneAt < tombstoneCutoff).ExecuteDeleteAsync(cancellationToken);
        LogTrimmed(owners.Count, max);
    }

    [LoggerMessage(LogLevel.Information, "Trimmed {Timelines} home timelines to their newest {MaxEntries} entries")]
    private partial void LogTrimmed(int timelines, int maxEntries);
}
