using Coo.Modules.Reactions.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.Data;

/// <summary>Reactions removed at most once, and counted without a read before the write.</summary>
internal static class ReactionStore
{
    /// <summary>Removes the user's reaction of that kind, if any, and returns it; of two concurrent removals one gets it.</summary>
    public static async Task<Reaction?> TryRemoveAsync(ReactionsDbContext db, long cooId, ReactionKind kind, long userId, CancellationToken cancellationToken)
    {
        var reaction = await db.Reactions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.CooId == cooId && r.Kind == kind && r.UserId == userId, cancellationToken);
        if (reaction is null)
        {
            return null;
        }

        var removed = await db.Reactions.Where(r => r.CooId == cooId && r.Kind == kind && r.UserId == userId && r.Id == reaction.Id)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 1 ? reaction : null;
    }

    /// <summary>Adds <paramref name="delta"/> to the count of <paramref name="kind"/> in the user's share of the coo's counts.</summary>
    public static Task AdjustCountAsync(ReactionsDbContext db, long cooId, ReactionKind kind, long userId, int delta, CancellationToken cancellationToken)
    {
        var table = db.DelimitedTableName<ReactionCountShare>();
        var (likes, reposts) = kind == ReactionKind.Like ? (delta, 0) : (0, delta);
        var upsert = db.Database.IsSqlServer()
            ? $"""
              MERGE {table} WITH (HOLDLOCK) AS s USING (SELECT {"{0}"} AS coo_id, {"{1}"} AS share) AS n
              ON s.coo_id = n.coo_id AND s.share = n.share
              WHEN MATCHED THEN UPDATE SET likes_count = s.likes_count + {"{2}"}, reposts_count = s.reposts_count + {"{3}"}
              WHEN NOT MATCHED THEN INSERT (coo_id, share, likes_count, reposts_count) VALUES ({"{0}"}, {"{1}"}, {"{2}"}, {"{3}"});
              """
            : $"""
              INSERT INTO {table} (coo_id, share, likes_count, reposts_count) VALUES ({"{0}"}, {"{1}"}, {"{2}"}, {"{3}"})
              ON CONFLICT (coo_id, share) DO UPDATE SET likes_count = {table}.likes_count + excluded.likes_count,
                                                       reposts_count = {table}.reposts_count + excluded.reposts_count
              """;
#pragma warning disable EF1002 // Only the table name from the model is interpolated; values are parameters.
        return db.Database.ExecuteSqlRawAsync(upsert, [cooId, ReactionCountShare.ShareOf(userId), likes, reposts], cancellationToken);
#pragma warning restore EF1002
    }
}
