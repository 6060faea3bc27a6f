using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.Data;

/// <summary>
/// Writes to home timelines. Every write is idempotent (an entry that exists is left alone) and respects deleted
/// coos, so events redelivered or delivered out of order leave the same timelines.
/// </summary>
internal sealed class TimelineStore(TimelineDbContext db)
{
    /// <summary>
    /// Adds a coo to its author's timeline and to the timeline of every follower in one statement, whatever
    /// their number. The follow edges read are locked until commit (PostgreSQL, SQL Server), so an unfollow
    /// being applied at the same moment waits and then removes what this wrote, instead of missing it.
    /// </summary>
    public async Task FanOutAsync(long cooId, long authorId, CancellationToken cancellationToken)
    {
        var (entries, edges, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<FollowEdge>(), db.DelimitedTableName<DeletedCoo>());
        var readLock = db.Database.IsNpgsql() ? "FOR SHARE OF f" : "";
        var readHint = db.Database.IsSqlServer() ? "WITH (REPEATABLEREAD)" : "";
        var followers = $$"""
            INSERT INTO {{entries}} (owner_id, coo_id, author_id)
            SELECT f.follower_id, {0}, {1} FROM {{edges}} AS f {{readHint}}
            WHERE f.followee_id = {1} AND f.is_active = {2}
              AND NOT EXISTS (SELECT 1 FROM {{entries}} AS e WHERE e.owner_id = f.follower_id AND e.coo_id = {0})
              AND NOT EXISTS (SELECT 1 FROM {{deleted}} AS d WHERE d.coo_id = {0})
            {{readLock}}
            """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        await db.Database.ExecuteSqlRawAsync(followers, [cooId, authorId, true], cancellationToken);
#pragma warning restore EF1002
        await AddAsync(authorId, [new CooRef(cooId, authorId)], cancellationToken);
    }

    /// <summary>Adds coos to one timeline, leaving out those it already has and those deleted.</summary>
    public async Task AddAsync(long ownerId, IReadOnlyCollection<CooRef> coos, CancellationToken cancellationToken)
    {
        var ids = coos.Select(c => c.Id).ToArray();
        var present = await db.Entries.Where(e => e.OwnerId == ownerId && ids.Contains(e.CooId)).Select(e => e.CooId)
            .Union(db.DeletedCoos.Where(d => ids.Contains(d.CooId)).Select(d => d.CooId))
            .ToListAsync(cancellationToken);
        db.Entries.AddRange(coos.ExceptBy(present, c => c.Id).Select(c => new TimelineEntry(ownerId, c.Id, c.AuthorId)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks the timeline complete only from <paramref name="cooId"/> on; it never moves back.</summary>
    public async Task RaiseHorizonAsync(long ownerId, long cooId, CancellationToken cancellationToken)
    {
        var raised = await db.Horizons.Where(h => h.OwnerId == ownerId && h.CompleteFromCooId < cooId)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.CompleteFromCooId, cooId), cancellationToken);
        if (raised == 0 && !await db.Horizons.AnyAsync(h => h.OwnerId == ownerId, cancellationToken))
        {
            db.Horizons.Add(new TimelineHorizon(ownerId, cooId));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
