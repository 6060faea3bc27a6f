using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Persistence;
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
        await LockAuthorsAsync([coo.AuthorId, .. coo.InReplyToAuthorId is { } repliedTo ? [repliedTo] : Array.Empty<long>()], exclusive: false, cancellationToken);
        var (entries, edges, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<FollowEdge>(), db.DelimitedTableName<DeletedCoo>());
        var readLock = db.Database.IsNpgsql() ? "FOR SHARE OF f" : "";
        var readHint = db.Database.IsSqlServer() ? "WITH (REPEATABLEREAD)" : "";
        var (output, returning) = db.Database.IsSqlServer() ? ("OUTPUT inserted.owner_id AS \"Value\"", "") : ("", "RETURNING owner_id AS \"Value\"");
        var followers = $$"""
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id, position) {{output}}
            SELECT f.follower_id, {0}, {1}, NULLIF({5}, 0), {0} FROM {{edges}} AS f {{readHint}}
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
    private string SeesReply(string owner, string repliedTo, string active) => $"({repliedTo} = 0 OR {Follows(owner, repliedTo, active)})";

    /// <summary>SQL that is true when the owner is <paramref name="author"/> or follows them.</summary>
    private string Follows(string owner, string author, string active) =>
        $"({owner} = {author} OR EXISTS (SELECT 1 FROM {db.DelimitedTableName<FollowEdge>()} AS g " +
        $"WHERE g.follower_id = {owner} AND g.followee_id = {author} AND g.is_active = {active}))";

    /// <summary>
    /// SQL that is true when the owner sees the coo in its own right: they wrote it, or they follow its author and, for a
    /// reply (<paramref name="repliedTo"/> not 0), the author it answers too. Then no repost of it is put on their timeline.
    /// </summary>
    private string SeesInOwnRight(string owner, string author, string repliedTo, string active) =>
        $"({owner} = {author} OR ({Follows(owner, author, active)} AND {SeesReply(owner, repliedTo, active)}))";

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

        await LockAuthorsAsync([.. coos.SelectMany(c => c.InReplyToAuthorId is { } repliedTo ? [c.AuthorId, repliedTo] : new[] { c.AuthorId })], exclusive: false, cancellationToken);
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
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id, position) {{output}}
            SELECT f.follower_id, p.coo_id, p.author_id, NULLIF(p.replied_to, 0), p.coo_id
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
    /// The locks a follow or an unfollow holds until its transaction ends: the follower's, so that no other follow or
    /// unfollow of theirs runs at the same time, then the followee's author lock (<see cref="LockAuthorAsync"/>). Each
    /// decides what the follower's timeline keeps by the follower's other edges (a follow merges the followee's replies
    /// to people the follower follows; an unfollow keeps a coo that someone still followed reposted), so an edge another
    /// one changes meanwhile, not yet committed, would leave an entry that no later change takes off: a follow merged a
    /// reply to someone an unfollow running beside it had just removed.
    /// </summary>
    public async Task LockFollowChangeAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // The two-key form is a key space of its own, apart from the authors' one-key locks.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [(int)(followerId >> 32), unchecked((int)followerId)], cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            await GetAppLockAsync($"coo-timeline-follower-{followerId}", exclusive: true, cancellationToken);
        }

        await LockAuthorAsync(followeeId, exclusive: true, cancellationToken);
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
            await GetAppLockAsync($"coo-timeline-author-{authorId}", exclusive, cancellationToken);
        }
    }

    /// <summary>A SQL Server application lock held until the transaction ends.</summary>
    private async Task GetAppLockAsync(string resource, bool exclusive, CancellationToken cancellationToken)
    {
        // sp_getapplock reports a timeout or deadlock by its return value, not by an error: turn it into one.
        const string sql = """
            DECLARE @granted int;
            EXEC @granted = sp_getapplock @Resource = {0}, @LockMode = {1}, @LockOwner = 'Transaction', @LockTimeout = 30000;
            IF @granted < 0 THROW 51000, 'The timeline lock was not granted.', 1;
            """;
        await db.Database.ExecuteSqlRawAsync(sql, [resource, exclusive ? "Exclusive" : "Shared"], cancellationToken);
    }

    /// <summary>
    /// The locks of several authors (see <see cref="LockAuthorAsync"/>), taken in one order so that two takers never
    /// wait on each other in a circle.
    /// </summary>
    public async Task LockAuthorsAsync(long[] authorIds, bool exclusive, CancellationToken cancellationToken)
    {
        var ordered = authorIds.Distinct().Order().ToArray();
        if (db.Database.IsNpgsql())
        {
            // A volatile function in the select list runs after the sort, so the locks are taken in this order.
            var sql = exclusive
                ? "SELECT pg_advisory_xact_lock(a) FROM unnest({0}) AS a ORDER BY a"
                : "SELECT pg_advisory_xact_lock_shared(a) FROM unnest({0}) AS a ORDER BY a";
            await db.Database.ExecuteSqlRawAsync(sql, [ordered], cancellationToken);
            return;
        }

        foreach (var authorId in ordered)
        {
            await LockAuthorAsync(authorId, exclusive, cancellationToken);
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
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id, position)
            SELECT p.author_id, p.coo_id, p.author_id, NULLIF(p.replied_to, 0), p.coo_id FROM posted AS p
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
    /// (the post and the CooPosted consumer): the loser's insert does nothing instead of failing, so the consumer never
    /// waits for a retry and the followers' fan-out is not delayed.
    /// </summary>
    public async Task AddOwnAsync(CooRef coo, CancellationToken cancellationToken)
    {
        var (entries, deleted) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<DeletedCoo>());

        // As in the batch form: only SQL Server, which has no conflict clause, looks for the entry first.
        var present = db.Database.IsSqlServer()
            ? $"AND NOT EXISTS (SELECT 1 FROM {entries} AS e WITH (UPDLOCK, HOLDLOCK) WHERE e.owner_id = {{1}} AND e.coo_id = {{0}})"
            : "";
        var sql = $$"""
            INSERT INTO {{entries}} (owner_id, coo_id, author_id, in_reply_to_author_id, position)
            SELECT {1}, {0}, {1}, NULLIF({2}, 0), {0}
            WHERE NOT EXISTS (SELECT 1 FROM {{deleted}} AS d WHERE d.coo_id = {0}) {{present}}
            {{IgnoreConflicts()}}
            """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        await db.Database.ExecuteSqlRawAsync(sql, [coo.Id, coo.AuthorId, coo.InReplyToAuthorId ?? 0], cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Puts a new coo on its author's own timeline in the transaction that writes the coo, offered by the post, when
    /// Timeline shares its database; false when it does not, and nothing will be written. Until that transaction commits
    /// no one else can have the entry or have deleted the coo, so it is a plain insert, planned and run at the least cost.
    /// </summary>
    public bool TryJoinAddOwn(SharedTransaction offered, CooRef coo)
    {
        var sql = $"INSERT INTO {db.DelimitedTableName<TimelineEntry>()} (owner_id, coo_id, author_id, in_reply_to_author_id, position) " +
            "VALUES ({1}, {0}, {1}, NULLIF({2}, 0), {0})";
        return offered.TryJoin(db, new SqlStatement(sql, [coo.Id, coo.AuthorId, coo.InReplyToAuthorId ?? 0]));
    }

    /// <summary>Adds coos to one timeline, leaving out those it already has and those deleted.</summary>
    public async Task AddEntriesAsync(long ownerId, IReadOnlyCollection<CooRef> coos, CancellationToken cancellationToken)
    {
        var ids = coos.Select(c => c.Id).ToArray();
        var present = await db.Entries.Where(e => e.OwnerId == ownerId && ids.Contains(e.CooId)).Select(e => e.CooId)
            .Union(db.DeletedCoos.Where(d => ids.Contains(d.CooId)).Select(d => d.CooId))
            .ToListAsync(cancellationToken);
        db.Entries.AddRange(coos.ExceptBy(present, c => c.Id).Select(c => new TimelineEntry(ownerId, c.Id, c.AuthorId, c.InReplyToAuthorId, position: c.Id, repostedById: null)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The newest <paramref name="count"/> entries of a timeline down to its horizon (what a cache of it holds), and
    /// whether they are all of it: no more entries, and no horizon below which older coos would be filled in.
    /// </summary>
    public async Task<(List<TimelineItem> Items, bool WholeTimeline)> NewestEntriesAsync(long ownerId, int count, CancellationToken cancellationToken)
    {
        var horizon = await HorizonAsync(ownerId, cancellationToken);
        var items = await EntriesAsync(ownerId, horizon, beforePosition: null, count, cancellationToken);
        return (items, items.Count < count && TimelineHorizon.IsComplete(horizon));
    }

    /// <summary>Up to <paramref name="limit"/> entries of a timeline from <paramref name="fromPosition"/> on, below the cursor, newest first.</summary>
    public Task<List<TimelineItem>> EntriesAsync(long ownerId, long fromPosition, long? beforePosition, int limit, CancellationToken cancellationToken)
    {
        var before = beforePosition ?? long.MaxValue;
        return db.Entries.Where(e => e.OwnerId == ownerId && e.Position >= fromPosition && e.Position < before)
            .OrderByDescending(e => e.Position).Take(limit)
            .Select(e => new TimelineItem(e.Position, e.CooId, e.RepostedById)).ToListAsync(cancellationToken);
    }

    /// <summary>The position below which the stored timeline may lack entries; 0 when it is complete.</summary>
    public Task<long> HorizonAsync(long ownerId, CancellationToken cancellationToken) =>
        db.Horizons.Where(h => h.OwnerId == ownerId).Select(h => h.CompleteFromCooId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>PostgreSQL and SQLite skip a row that already exists; SQL Server relies on the NOT EXISTS checks.</summary>
    private string IgnoreConflicts() => db.Database.IsSqlServer() ? "" : "ON CONFLICT DO NOTHING";

    /// <summary>Marks the timeline complete only from <paramref name="position"/> on; it never moves back.</summary>
    public async Task RaiseHorizonAsync(long ownerId, long position, CancellationToken cancellationToken)
    {
        var raised = await db.Horizons.Where(h => h.OwnerId == ownerId && h.CompleteFromCooId < position)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.CompleteFromCooId, position), cancellationToken);
        if (raised == 0 && !await db.Horizons.AnyAsync(h => h.OwnerId == ownerId, cancellationToken))
        {
            db.Horizons.Add(new TimelineHorizon(ownerId, position));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
    /// <summary>
    /// Turns into entries in their own right the entries of the coos that reached their owners as reposts first (the
    /// repost's event was handled before the coo's own), where the owner sees the coo in its own right. Returns the
    /// owners whose entries moved.
    /// </summary>
    public async Task<IReadOnlyList<long>> OriginalsReplaceRepostsAsync(IReadOnlyCollection<CooRef> coos, CancellationToken cancellationToken)
    {
        var (posted, parameters) = Posted(coos);
        var active = $"{{{parameters.Length}}}";
        var set = "position = coo_id, reposted_by_id = NULL";
        var where = $"e.reposted_by_id IS NOT NULL AND e.coo_id IN (SELECT coo_id FROM posted) " +
            $"AND {SeesInOwnRight("e.owner_id", "e.author_id", "COALESCE(e.in_reply_to_author_id, 0)", active)}";
        var sql = db.Database.IsSqlServer()
            ? $"{posted} UPDATE e SET {set} OUTPUT inserted.owner_id AS \"Value\" FROM {db.DelimitedTableName<TimelineEntry>()} AS e WHERE {where}"
            : $"{posted} UPDATE {db.DelimitedTableName<TimelineEntry>()} AS e SET {set} WHERE {where} RETURNING owner_id AS \"Value\"";
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        return await db.Database.SqlQueryRaw<long>(sql, [.. parameters, true]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Puts a repost on the reposter's own timeline and, when <paramref name="toFollowers"/>, on their followers': for
    /// each owner who does not see the coo in its own right, as a new entry or by moving the coo's entry up to the
    /// repost when it is a repost there and older. Returns the owners whose timelines changed. The caller holds the
    /// reposter's and the coo's authors' locks (<see cref="LockAuthorsAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<long>> AddRepostAsync(Repost repost, bool toFollowers, CancellationToken cancellationToken)
    {
        var owners = $$"""
            SELECT {4} AS owner_id
            UNION SELECT f.follower_id FROM {{db.DelimitedTableName<FollowEdge>()}} AS f WHERE f.followee_id = {4} AND f.is_active = {5} AND {6} = {5}
            """;
        var sql = UpsertReposts(
            $"SELECT o.owner_id, {{0}} AS coo_id, {{1}} AS author_id, NULLIF({{2}}, 0) AS replied_to, {{3}} AS repost_id, {{4}} AS reposter_id FROM ({owners}) AS o",
            $"NOT {SeesInOwnRight("o.owner_id", "{1}", "{2}", "{5}")} AND NOT EXISTS (SELECT 1 FROM {db.DelimitedTableName<DeletedCoo>()} AS d WHERE d.coo_id = {{0}})");
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        return await db.Database.SqlQueryRaw<long>(
                sql, repost.CooId, repost.CooAuthorId, repost.InReplyToAuthorId ?? 0, repost.RepostId, repost.ReposterId, true, toFollowers)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Merges a new followee's reposts from <paramref name="oldestRepostId"/> on into the follower's timeline, as
    /// <see cref="AddRepostAsync"/> puts each on it.
    /// </summary>
    public async Task MergeRepostsAsync(long ownerId, long reposterId, long oldestRepostId, CancellationToken cancellationToken)
    {
        var sql = UpsertReposts(
            $"SELECT {{0}} AS owner_id, r.coo_id, r.coo_author_id AS author_id, r.in_reply_to_author_id AS replied_to, r.repost_id, r.reposter_id " +
            $"FROM {db.DelimitedTableName<Repost>()} AS r",
            $"r.reposter_id = {{1}} AND r.repost_id >= {{2}} AND NOT {SeesInOwnRight("{0}", "r.coo_author_id", "COALESCE(r.in_reply_to_author_id, 0)", "{3}")} " +
            $"AND NOT EXISTS (SELECT 1 FROM {db.DelimitedTableName<DeletedCoo>()} AS d WHERE d.coo_id = r.coo_id)");
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        await db.Database.SqlQueryRaw<long>(sql, ownerId, reposterId, oldestRepostId, true).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// After the owner unfollowed <paramref name="unfollowedId"/>: puts on their timeline, at its newest repost by someone
    /// they follow, each coo of that author (or reply to them) that they no longer see in its own right. Most of these
    /// are entries already moved by <see cref="ReplaceAsync"/>; this adds those whose own entry had not reached the
    /// timeline yet when the unfollow was applied (the repost was left out then, since the owner saw the coo in its own
    /// right). Reposts below the timeline's horizon are left to the reads that fill it.
    /// </summary>
    public async Task PlaceRepostsAfterUnfollowAsync(long ownerId, long unfollowedId, long horizon, CancellationToken cancellationToken)
    {
        var reposts = db.DelimitedTableName<Repost>();
        var sql = UpsertReposts(
            $"SELECT {{0}} AS owner_id, r.coo_id, r.coo_author_id AS author_id, r.in_reply_to_author_id AS replied_to, r.repost_id, r.reposter_id FROM {reposts} AS r",
            $"(r.coo_author_id = {{1}} OR r.in_reply_to_author_id = {{1}}) AND r.repost_id >= {{2}} " +
            $"AND r.repost_id = (SELECT MAX(r2.repost_id) FROM {reposts} AS r2 WHERE r2.coo_id = r.coo_id AND {Follows("{0}", "r2.reposter_id", "{3}")}) " +
            $"AND NOT {SeesInOwnRight("{0}", "r.coo_author_id", "COALESCE(r.in_reply_to_author_id, 0)", "{3}")} " +
            $"AND NOT EXISTS (SELECT 1 FROM {db.DelimitedTableName<DeletedCoo>()} AS d WHERE d.coo_id = r.coo_id)");
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        await db.Database.SqlQueryRaw<long>(sql, ownerId, unfollowedId, horizon, true).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// SQL that writes the repost entries a query selects (columns owner_id, coo_id, author_id, replied_to, repost_id,
    /// reposter_id, filtered by <paramref name="where"/>): a new entry, or a repost entry moved up to a newer repost; an
    /// entry in its own right, or of a newer repost, stays. Returns the owners written as "Value".
    /// </summary>
    private string UpsertReposts(string select, string where)
    {
        var entries = db.DelimitedTableName<TimelineEntry>();
        if (db.Database.IsSqlServer())
        {
            return $"""
                MERGE {entries} WITH (HOLDLOCK) AS t
                USING (SELECT * FROM ({select} WHERE {where}) AS s0) AS s ON t.owner_id = s.owner_id AND t.coo_id = s.coo_id
                WHEN MATCHED AND t.reposted_by_id IS NOT NULL AND t.position < s.repost_id
                  THEN UPDATE SET position = s.repost_id, reposted_by_id = s.reposter_id
                WHEN NOT MATCHED THEN INSERT (owner_id, coo_id, author_id, in_reply_to_author_id, position, reposted_by_id)
                  VALUES (s.owner_id, s.coo_id, s.author_id, s.replied_to, s.repost_id, s.reposter_id)
                OUTPUT inserted.owner_id AS "Value";
                """;
        }

        // The WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.
        return $"""
            INSERT INTO {entries} AS t (owner_id, coo_id, author_id, in_reply_to_author_id, position, reposted_by_id)
            SELECT s.owner_id, s.coo_id, s.author_id, s.replied_to, s.repost_id, s.reposter_id FROM ({select} WHERE {where}) AS s WHERE true
            ON CONFLICT (owner_id, coo_id) DO UPDATE SET position = excluded.position, reposted_by_id = excluded.reposted_by_id
              WHERE t.reposted_by_id IS NOT NULL AND t.position < excluded.position
            RETURNING owner_id AS "Value"
            """;
    }

    /// <summary>
    /// Puts every entry that <paramref name="filter"/> (SQL on the entries as <c>e</c>, with <paramref name="parameters"/>)
    /// selects where it belongs now, after a follow, an unfollow or an undone repost: in its own right when the owner sees
    /// the coo so, else at the newest repost of it by someone the owner follows (or the owner), else off the timeline.
    /// Returns the owners of the entries considered.
    /// </summary>
    public async Task<IReadOnlyList<long>> ReplaceAsync(string filter, object[] parameters, CancellationToken cancellationToken)
    {
        var (entries, reposts) = (db.DelimitedTableName<TimelineEntry>(), db.DelimitedTableName<Repost>());
        var active = $"{{{parameters.Length}}}";
        object[] values = [.. parameters, true];
        var inOwnRight = SeesInOwnRight("e.owner_id", "e.author_id", "COALESCE(e.in_reply_to_author_id, 0)", active);
        var seenReposts = $"FROM {reposts} AS r WHERE r.coo_id = e.coo_id AND {Follows("e.owner_id", "r.reposter_id", active)}";
        var newest = $"(SELECT MAX(r.repost_id) {seenReposts})";
        var sqlServer = db.Database.IsSqlServer();
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        var owners = await db.Database.SqlQueryRaw<long>($"SELECT DISTINCT e.owner_id AS \"Value\" FROM {entries} AS e WHERE {filter}", values)
            .ToListAsync(cancellationToken);
        if (owners.Count == 0)
        {
            return owners;
        }

        var unseen = $"{filter} AND NOT {inOwnRight} AND NOT EXISTS (SELECT 1 {seenReposts})";
        await db.Database.ExecuteSqlRawAsync(
            sqlServer ? $"DELETE e FROM {entries} AS e WHERE {unseen}" : $"DELETE FROM {entries} AS e WHERE {unseen}", values, cancellationToken);
        var toRepost = $"position = {newest}, reposted_by_id = (SELECT r2.reposter_id FROM {reposts} AS r2 WHERE r2.repost_id = {newest})";
        var reposted = $"{filter} AND NOT {inOwnRight}";
        await db.Database.ExecuteSqlRawAsync(
            sqlServer ? $"UPDATE e SET {toRepost} FROM {entries} AS e WHERE {reposted}" : $"UPDATE {entries} AS e SET {toRepost} WHERE {reposted}",
            values,
            cancellationToken);
        var toOwnRight = "position = coo_id, reposted_by_id = NULL";
        var ownRight = $"{filter} AND e.reposted_by_id IS NOT NULL AND {inOwnRight}";
        await db.Database.ExecuteSqlRawAsync(
            sqlServer ? $"UPDATE e SET {toOwnRight} FROM {entries} AS e WHERE {ownRight}" : $"UPDATE {entries} AS e SET {toOwnRight} WHERE {ownRight}",
            values,
            cancellationToken);
#pragma warning restore EF1002
        return owners;
    }
}

/// <summary>A timeline entry a fan-out wrote (read by the naming convention, as owner_id and coo_id).</summary>
internal sealed record FannedOut(long OwnerId, long CooId);
