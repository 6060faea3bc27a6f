using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.Data;

/// <summary>
/// Writes to home timelines. Every write is idempotent (an entry that exists is left alone) and skips coos already
/// deleted, so events redelivered or delivered out of order leave the same timelines. Writes that could race a
/// delete take the author lock (<see cref="LockAuthorAsync"/>) so that the delete cannot miss what they add.
/// </summary>
internal sealed class TimelineStore(TimelineDbContext db)
{
    /// <summary>
    /// Adds a coo to the timelines of the author's followers whose ids lie in (<paramref name="afterFollowerId"/>,
    /// <paramref name="upToFollowerId"/>], in one statement whatever their number; a reply only to those who follow the
    /// author it answers too (or are that author). The follow edges read are locked until commit (PostgreSQL, SQL
    /// Server), so an unfollow applied at the same moment waits and then removes what this wrote, instead of missing it.
    /// Returns the owners whose timelines got the coo.
    /// </summary>
    public async Task<IReadOnlyList<long>> FanOutAsync(CooRef coo, long afterFollowerId, long upToFollowerId, CancellationToken cancellationToken)
    {
        await LockAuthorsAsync([coo.AuthorId, .. coo.InReplyToAuthorId is { } repliedTo ? [repliedTo] : Array.Empty<long>()], cancellationToken);
        var (entries, edges, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<FollowEdge>(), db.DelimitedTableName<DeletedCoo>());
        var readLock = db.Database.IsNpgsql() ? "FOR SHARE OF f" : "";
        var readHint = db.Database.IsSqlServer() ? "WITH (REPEATABLEREAD)" : "";
        var (output, returning) = db.Database.IsSqlServer() ? ("OUTPUT inserted.owner_id AS \"Value\"", "") : ("", "RETURNING owner_id AS \"Value\"");
        var followers = $$"""
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id) {{output}}
            SELECT f.follower_id, {0}, {1}, NULLIF({5}, 0) FROM {{edges}} AS f {{readHint}}
            WHERE f.followee_id = {1} AND f.is_active = {2} AND f.follower_id > {3} AND f.follower_id <= {4}
              AND {{SeesReply("f.follower_id", "{5}", "{2}")}}
              AND NOT EXISTS (SELECT 1 FROM {{entries}} AS e WHERE e.owner_id = f.follower_id AND e.coo_id = {0})
              AND NOT EXISTS (SELECT 1 FROM {{deleted}} AS d WHERE d.coo_id = {0})
            {{readLock}} {{IgnoreConflicts()}} {{returning}}
            """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        return await db.Database.SqlQueryRaw<long>(followers, coo.Id, coo.AuthorId, true, afterFollowerId, upToFollowerId, coo.InReplyToAuthorId ?? 0)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// SQL that is true when the owner may see a reply to <paramref name="repliedTo"/> (0: not a reply) on their home
    /// timeline: they are that author, or follow them (the edge read with <paramref name="active"/>).
    /// </summary>
    private string SeesReply(string owner, string repliedTo, string active) =>
        $"({repliedTo} = 0 OR {owner} = {repliedTo} OR EXISTS (SELECT 1 FROM {db.DelimitedTableName<FollowEdge>()} AS g " +
        $"WHERE g.follower_id = {owner} AND g.followee_id = {repliedTo} AND g.is_active = {active}))";

    /// <summary>
    /// Adds each coo to the timelines of all its author's followers, for many coos in one statement, as
    /// <see cref="FanOutAsync(CooRef, long, long, CancellationToken)"/> does for one; the authors (and those replied to)
    /// are locked first, in one order. Returns the timelines each coo reached.
    /// </summary>
    public async Task<ILookup<long, long>> FanOutAsync(IReadOnlyCollection<CooRef> coos, CancellationToken cancellationToken)
    {
        if (coos.Count == 0)
        {
            return Array.Empty<FannedOut>().ToLookup(e => e.CooId, e => e.OwnerId);
        }

        await LockAuthorsAsync([.. coos.SelectMany(c => c.InReplyToAuthorId is { } repliedTo ? [c.AuthorId, repliedTo] : new[] { c.AuthorId })], cancellationToken);
        var (entries, edges, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<FollowEdge>(), db.DelimitedTableName<DeletedCoo>());
        var (posted, parameters) = Posted(coos);
        var readLock = db.Database.IsNpgsql() ? "FOR SHARE OF f" : "";
        var readHint = db.Database.IsSqlServer() ? "WITH (REPEATABLEREAD)" : "";
        var (output, returning) = db.Database.IsSqlServer()
            ? ("OUTPUT inserted.owner_id, inserted.coo_id", "")
            : ("", "RETURNING owner_id, coo_id");

        // PostgreSQL and SQLite skip an entry that exists by the conflict clause alone: with the coo ids not constants,
        // PostgreSQL plans a NOT EXISTS on (owner, coo) as a scan of each follower's whole timeline.
        var present = db.Database.IsSqlServer()
            ? $"AND NOT EXISTS (SELECT 1 FROM {entries} AS e WHERE e.owner_id = f.follower_id AND e.coo_id = p.coo_id)"
            : "";
        var sql = $$"""
            {{posted}}
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id) {{output}}
            SELECT f.follower_id, p.coo_id, p.author_id, NULLIF(p.replied_to, 0)
            FROM posted AS p JOIN {{edges}} AS f {{readHint}} ON f.followee_id = p.author_id
            WHERE f.is_active = {{{parameters.Length}}} {{present}}
              AND {{SeesReply("f.follower_id", "p.replied_to", $"{{{parameters.Length}}}")}}
              AND NOT EXISTS (SELECT 1 FROM {{deleted}} AS d WHERE d.coo_id = p.coo_id)
            {{readLock}} {{IgnoreConflicts()}} {{returning}}
            """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        var reached = await db.Database.SqlQueryRaw<FannedOut>(sql, [.. parameters, true]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return reached.ToLookup(e => e.CooId, e => e.OwnerId);
    }

    /// <summary>How many active followers each author has; an author without any is left out.</summary>
    public async Task<Dictionary<long, int>> FollowerCountsAsync(IReadOnlyCollection<long> authorIds, CancellationToken cancellationToken) =>
        await db.FollowEdges.Where(e => authorIds.Contains(e.FolloweeId) && e.IsActive)
            .GroupBy(e => e.FolloweeId)
            .Select(g => new { AuthorId = g.Key, Followers = g.Count() })
            .ToDictionaryAsync(g => g.AuthorId, g => g.Followers, cancellationToken);

    /// <summary>An author's followers in batches of at most <paramref name="batchSize"/> (see <see cref="FollowerBatches.Split"/>).</summary>
    public async Task<IReadOnlyList<(long After, long UpTo)>> FollowerBatchesAsync(long authorId, int batchSize, CancellationToken cancellationToken)
    {
        var edges = db.FollowEdges.Where(e => e.FolloweeId == authorId && e.IsActive);
        if (await edges.CountAsync(cancellationToken) <= batchSize)
        {
            return [FollowerBatches.Everyone]; // One batch: no need to read the ids.
        }

        var followers = await edges.OrderBy(e => e.FollowerId).Select(e => e.FollowerId).ToListAsync(cancellationToken);
        return FollowerBatches.Split(followers, batchSize);
    }

    /// <summary>
    /// Until the transaction ends, keeps a new follow or an unfollow of the author (exclusive) and the fan-out of their
    /// coos and of replies to them (shared) from running at the same time. Otherwise a fan-out could miss a follow not
    /// yet committed while that follow's merge read the author's coos before the new one existed, and the follower would
    /// never get it; or write a reply for an unfollow that had already removed them.
    /// SQLite needs nothing: it runs one write transaction at a time.
    /// </summary>
    public async Task LockAuthorAsync(long authorId, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var sql = exclusive ? "SELECT pg_advisory_xact_lock({0})" : "SELECT pg_advisory_xact_lock_shared({0})";
            await db.Database.ExecuteSqlRawAsync(sql, [authorId], cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            // sp_getapplock reports a timeout or deadlock by its return value, not by an error: turn it into one.
            const string sql = """
                DECLARE @granted int;
                EXEC @granted = sp_getapplock @Resource = {0}, @LockMode = {1}, @LockOwner = 'Transaction', @LockTimeout = 30000;
                IF @granted < 0 THROW 51000, 'The timeline author lock was not granted.', 1;
                """;
            await db.Database.ExecuteSqlRawAsync(sql, [$"coo-timeline-author-{authorId}", exclusive ? "Exclusive" : "Shared"], cancellationToken);
        }
    }

    /// <summary>The shared (fan-out) lock of several authors, taken in one order so that two takers never wait on each other in a circle.</summary>
    private async Task LockAuthorsAsync(long[] authorIds, CancellationToken cancellationToken)
    {
        var ordered = authorIds.Distinct().Order().ToArray();
        if (db.Database.IsNpgsql())
        {
            // A volatile function in the select list runs after the sort, so the locks are taken in this order.
            await db.Database.ExecuteSqlRawAsync(
                "SELECT pg_advisory_xact_lock_shared(a) FROM unnest({0}) AS a ORDER BY a", [ordered], cancellationToken);
            return;
        }

        foreach (var authorId in ordered)
        {
            await LockAuthorAsync(authorId, exclusive: false, cancellationToken);
        }
    }

    /// <summary>
    /// Puts each coo on its author's own timeline unless it is there already or deleted, for many coos in one statement
    /// (see <see cref="AddOwnAsync(CooRef, CancellationToken)"/>).
    /// </summary>
    public async Task AddOwnAsync(IReadOnlyCollection<CooRef> coos, CancellationToken cancellationToken)
    {
        var (entries, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<DeletedCoo>());
        var (posted, parameters) = Posted(coos);

        // As in the fan-out of many: only SQL Server, which has no conflict clause, looks for the entry first.
        var present = db.Database.IsSqlServer()
            ? $"AND NOT EXISTS (SELECT 1 FROM {entries} AS e WITH (UPDLOCK, HOLDLOCK) WHERE e.owner_id = p.author_id AND e.coo_id = p.coo_id)"
            : "";
        var sql = $$"""
            {{posted}}
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id)
            SELECT p.author_id, p.coo_id, p.author_id, NULLIF(p.replied_to, 0) FROM posted AS p
            WHERE NOT EXISTS (SELECT 1 FROM {{deleted}} AS d WHERE d.coo_id = p.coo_id) {{present}}
            {{IgnoreConflicts()}}
            """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// A common table expression <c>posted(coo_id, author_id, replied_to)</c> of the coos, as parameters 0 to 3n-1;
    /// <c>replied_to</c> is 0 for a coo that answers none (a typed value: a null in VALUES has no type to compare by).
    /// </summary>
    private (string Sql, object[] Parameters) Posted(IReadOnlyCollection<CooRef> coos)
    {
        var rows = string.Join(", ", coos.Select((_, i) => $"({{{3 * i}}}, {{{(3 * i) + 1}}}, {{{(3 * i) + 2}}})"));
        var values = db.Database.IsSqlServer() ? $"SELECT * FROM (VALUES {rows}) AS v(coo_id, author_id, replied_to)" : $"VALUES {rows}";
        return (
            $"WITH posted(coo_id, author_id, replied_to) AS ({values})",
            [.. coos.SelectMany(c => new object[] { c.Id, c.AuthorId, c.InReplyToAuthorId ?? 0 })]);
    }

    /// <summary>
    /// Puts a coo on its author's own timeline unless it is there already or deleted. Two writers race for this entry
    /// (the post endpoint and the CooPosted consumer): the loser's insert does nothing instead of failing, so the
    /// consumer never waits for a retry and the followers' fan-out is not delayed.
    /// </summary>
    public async Task AddOwnAsync(CooRef coo, CancellationToken cancellationToken)
    {
        var (entries, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<DeletedCoo>());
        var duplicateHint = db.Database.IsSqlServer() ? "WITH (UPDLOCK, HOLDLOCK)" : "";
        var sql = $$"""
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id)
            SELECT {1}, {0}, {1}, NULLIF({2}, 0)
            WHERE NOT EXISTS (SELECT 1 FROM {{entries}} AS e {{duplicateHint}} WHERE e.owner_id = {1} AND e.coo_id = {0})
              AND NOT EXISTS (SELECT 1 FROM {{deleted}} AS d WHERE d.coo_id = {0})
            {{IgnoreConflicts()}}
            """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        await db.Database.ExecuteSqlRawAsync(sql, [coo.Id, coo.AuthorId, coo.InReplyToAuthorId ?? 0], cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>Adds coos to one timeline, leaving out those it already has and those deleted.</summary>
    public async Task AddEntriesAsync(long ownerId, IReadOnlyCollection<CooRef> coos, CancellationToken cancellationToken)
    {
        var ids = coos.Select(c => c.Id).ToArray();
        var present = await db.Entries.Where(e => e.OwnerId == ownerId && ids.Contains(e.CooId)).Select(e => e.CooId)
            .Union(db.DeletedCoos.Where(d => ids.Contains(d.CooId)).Select(d => d.CooId))
            .ToListAsync(cancellationToken);
        db.Entries.AddRange(coos.ExceptBy(present, c => c.Id).Select(c => new TimelineEntry(ownerId, c.Id, c.AuthorId, c.InReplyToAuthorId)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The newest <paramref name="count"/> entries of a timeline down to its horizon (what a cache of it holds), and
    /// whether they are all of it: no more entries, and no horizon below which older coos would be filled in.
    /// </summary>
    public async Task<(List<long> CooIds, bool WholeTimeline)> NewestEntriesAsync(long ownerId, int count, CancellationToken cancellationToken)
    {
        var horizon = await HorizonAsync(ownerId, cancellationToken);
        var ids = await db.Entries.Where(e => e.OwnerId == ownerId && e.CooId >= horizon)
            .OrderByDescending(e => e.CooId).Take(count).Select(e => e.CooId).ToListAsync(cancellationToken);
        return (ids, ids.Count < count && TimelineHorizon.IsComplete(horizon));
    }

    /// <summary>The coo id below which the stored timeline may lack entries; 0 when it is complete.</summary>
    public Task<long> HorizonAsync(long ownerId, CancellationToken cancellationToken) =>
        db.Horizons.Where(h => h.OwnerId == ownerId).Select(h => h.CompleteFromCooId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>PostgreSQL and SQLite skip a row that already exists; SQL Server relies on the NOT EXISTS checks.</summary>
    private string IgnoreConflicts() => db.Database.IsSqlServer() ? "" : "ON CONFLICT DO NOTHING";

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

/// <summary>A timeline entry a fan-out wrote (read by the naming convention, as owner_id and coo_id).</summary>
internal sealed record FannedOut(long OwnerId, long CooId);
