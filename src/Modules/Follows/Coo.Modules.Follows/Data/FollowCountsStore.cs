using Coo.Modules.Follows.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.Data;

/// <summary>Atomic counter updates: concurrent follows of one popular user must not lose increments.</summary>
internal static class FollowCountsStore
{
    /// <summary>Creates the counters of the given users if missing, outside any transaction (creating is idempotent).</summary>
    public static async Task EnsureExistAsync(FollowsDbContext db, long[] userIds, CancellationToken cancellationToken)
    {
        var existing = await db.Counts.Where(c => userIds.Contains(c.UserId)).Select(c => c.UserId).ToListAsync(cancellationToken);
        var missing = userIds.Except(existing).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Counts.AddRange(missing.Select(id => new FollowCounts(id)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request created them first.
        }

        db.ChangeTracker.Clear();
    }

    public static async Task AdjustAsync(FollowsDbContext db, long followerId, long followeeId, int delta, CancellationToken cancellationToken)
    {
        await db.Counts.Where(c => c.UserId == followerId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.FollowingCount, x => x.FollowingCount + delta), cancellationToken);
        await db.Counts.Where(c => c.UserId == followeeId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.FollowersCount, x => x.FollowersCount + delta), cancellationToken);
    }
}
