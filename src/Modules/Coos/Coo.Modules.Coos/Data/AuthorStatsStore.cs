using Coo.Modules.Coos.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Data;

/// <summary>Atomic counter updates: an author posting from two devices at once must not lose a count.</summary>
internal static class AuthorStatsStore
{
    /// <summary>Creates the author's counter if missing, outside any transaction (creating is idempotent).</summary>
    public static async Task EnsureExistsAsync(CoosDbContext db, long authorId, CancellationToken cancellationToken)
    {
        if (await db.AuthorStats.AnyAsync(s => s.AuthorId == authorId, cancellationToken))
        {
            return;
        }

        db.AuthorStats.Add(new AuthorStats(authorId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request created it first.
        }

        db.ChangeTracker.Clear();
    }

    public static Task AdjustAsync(CoosDbContext db, long authorId, int delta, CancellationToken cancellationToken) =>
        db.AuthorStats.Where(s => s.AuthorId == authorId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CoosCount, x => x.CoosCount + delta), cancellationToken);
}
