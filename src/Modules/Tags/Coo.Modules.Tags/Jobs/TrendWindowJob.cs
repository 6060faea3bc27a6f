using Coo.Modules.Tags.Data;
using Coo.Modules.Tags.Domain;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.Jobs;

/// <summary>
/// Recurring, every five minutes: takes the uses that aged out of <see cref="TagTrend.Window"/> off their tags' trends.
/// Each use is removed only if it is still that old, in the same transaction as the trend change, so a person who used
/// the tag again meanwhile keeps counting.
/// </summary>
internal sealed class TrendWindowJob(TagsDbContext db, TimeProvider time) : IRecurringJob
{
    private const int BatchSize = 500;

    public string Id => "tags-trend-window";

    public string Schedule => "*/5 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TagTrend.Window;
        while (true)
        {
            var aged = await db.Uses.AsNoTracking().Where(u => u.LastUsedAt < cutoff)
                .OrderBy(u => u.LastUsedAt).Take(BatchSize).Select(u => new { u.Tag, u.UserId }).ToListAsync(cancellationToken);
            foreach (var use in aged)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var removed = await db.Uses.Where(u => u.Tag == use.Tag && u.UserId == use.UserId && u.LastUsedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
                if (removed == 1)
                {
                    await TagTrendStore.AdjustAsync(db, use.Tag, -1, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (aged.Count < BatchSize)
            {
                await db.Trends.Where(t => t.People <= 0).ExecuteDeleteAsync(cancellationToken);
                return;
            }
        }
    }
}
