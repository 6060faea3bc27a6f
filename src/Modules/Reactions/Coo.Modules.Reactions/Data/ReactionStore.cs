using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.Data;

/// <summary>Reactions removed at most once, replies counted at most once, and both counted without a read before the write.</summary>
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
    public static Task AdjustCountAsync(ReactionsDbContext db, long cooId, ReactionKind kind, long userId, int delta, CancellationToken cancellationToken) =>
        kind == ReactionKind.Like
            ? AdjustCountsAsync(db, cooId, userId, delta, 0, 0, cancellationToken)
            : AdjustCountsAsync(db, cooId, userId, 0, delta, 0, cancellationToken);

    /// <summary>Adds <paramref name="delta"/> to the replies count in the replier's share of the parent's counts.</summary>
    public static Task AdjustRepliesCountAsync(ReactionsDbContext db, long parentCooId, long replierId, int delta, CancellationToken cancellationToken) =>
        AdjustCountsAsync(db, parentCooId, replierId, 0, 0, delta, cancellationToken);

    /// <summary>
    /// Records a reply as counted, or as deleted, unless it is known already; true when this call recorded it. Never a
    /// unique violation, which would end a consumer's transaction on PostgreSQL.
    /// </summary>
    public static async Task<bool> TryAddReplyAsync(ReactionsDbContext db, long parentCooId, long replyId, bool deleted, CancellationToken cancellationToken)
    {
        var table = db.DelimitedTableName<Reply>();
        var insert = db.Database.IsSqlServer()
            ? $"""
              MERGE {table} WITH (HOLDLOCK) AS r USING (SELECT {"{0}"} AS parent_coo_id, {"{1}"} AS reply_id) AS n
              ON r.parent_coo_id = n.parent_coo_id AND r.reply_id = n.reply_id
              WHEN NOT MATCHED THEN INSERT (parent_coo_id, reply_id, deleted) VALUES ({"{0}"}, {"{1}"}, {"{2}"});
              """
            : $"""
              INSERT INTO {table} (parent_coo_id, reply_id, deleted) VALUES ({"{0}"}, {"{1}"}, {"{2}"})
              ON CONFLICT (parent_coo_id, reply_id) DO NOTHING
              """;
#pragma warning disable EF1002 // Only the table name from the model is interpolated; values are parameters.
        return await db.Database.ExecuteSqlRawAsync(insert, [parentCooId, replyId, deleted], cancellationToken) == 1;
#pragma warning restore EF1002
    }

    /// <summary>Marks a counted reply deleted; true when this call did, so that only one caller takes its count back.</summary>
    public static async Task<bool> TryMarkReplyDeletedAsync(ReactionsDbContext db, long parentCooId, long replyId, CancellationToken cancellationToken) =>
        await db.Replies.Where(r => r.ParentCooId == parentCooId && r.ReplyId == replyId && !r.Deleted)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Deleted, true), cancellationToken) == 1;

    /// <summary>Adds the deltas to the user's share of the coo's counts in one statement, creating the share with its first count.</summary>
    private static Task<int> AdjustCountsAsync(
        ReactionsDbContext db, long cooId, long userId, int likes, int reposts, int replies, CancellationToken cancellationToken)
    {
        var table = db.DelimitedTableName<ReactionCountShare>();
        var upsert = db.Database.IsSqlServer()
            ? $"""
              MERGE {table} WITH (HOLDLOCK) AS s USING (SELECT {"{0}"} AS coo_id, {"{1}"} AS share) AS n
              ON s.coo_id = n.coo_id AND s.share = n.share
              WHEN MATCHED THEN UPDATE SET likes_count = s.likes_count + {"{2}"}, reposts_count = s.reposts_count + {"{3}"},
                                           replies_count = s.replies_count + {"{4}"}
              WHEN NOT MATCHED THEN INSERT (coo_id, share, likes_count, reposts_count, replies_count)
                                    VALUES ({"{0}"}, {"{1}"}, {"{2}"}, {"{3}"}, {"{4}"});
              """
            : $"""
              INSERT INTO {table} (coo_id, share, likes_count, reposts_count, replies_count) VALUES ({"{0}"}, {"{1}"}, {"{2}"}, {"{3}"}, {"{4}"})
              ON CONFLICT (coo_id, share) DO UPDATE SET likes_count = {table}.likes_count + excluded.likes_count,
                                                       reposts_count = {table}.reposts_count + excluded.reposts_count,
                                                       replies_count = {table}.replies_count + excluded.replies_count
              """;
#pragma warning disable EF1002 // Only the table name from the model is interpolated; values are parameters.
        return db.Database.ExecuteSqlRawAsync(upsert, [cooId, ReactionCountShare.ShareOf(userId), likes, reposts, replies], cancellationToken);
#pragma warning restore EF1002
    }
}
