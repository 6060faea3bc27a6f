using Coo.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Data;

/// <summary>
/// The authors served by read-time merge instead of fan-out (hybrid fan-out), as the consumers see them in their
/// transaction. Posting reads the list from the database and fans out for
/// <see cref="TimelineOptions.LargeAuthorSwitchDelay"/> after an author became large, so that coos posted meanwhile
/// reach timelines both ways until every instance merges them at read time (<see cref="LargeAuthorList"/>).
/// </summary>
internal sealed class LargeAuthors(TimelineDbContext db, LargeAuthorList list, IOptions<TimelineOptions> options, TimeProvider time)
{
    /// <summary>Marks the author large once their active followers pass the threshold.</summary>
    public async Task RecordFollowerCountAsync(long authorId, CancellationToken cancellationToken)
    {
        if (await db.LargeAuthors.AnyAsync(l => l.AuthorId == authorId, cancellationToken))
        {
            return;
        }

        var followers = await db.FollowEdges.CountAsync(e => e.FolloweeId == authorId && e.IsActive, cancellationToken);
        if (LargeAuthor.IsLarge(followers, options.Value.LargeAuthorFollowers))
        {
            db.LargeAuthors.Add(new LargeAuthor(authorId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            list.Forget();
        }
    }

    /// <summary>Which of the authors' coos are left to read-time merge instead of being fanned out.</summary>
    public async Task<HashSet<long>> SkippingFanOutAsync(IReadOnlyCollection<long> authorIds, CancellationToken cancellationToken) =>
        await db.LargeAuthors.Where(LargeAuthor.SkipsFanOutAt(time.GetUtcNow(), options.Value.LargeAuthorSwitchDelay))
            .Where(l => authorIds.Contains(l.AuthorId))
            .Select(l => l.AuthorId)
            .ToHashSetAsync(cancellationToken);
}

/// <summary>
/// The large authors as readers merge them, from memory: every large author's id, reloaded after <see cref="Lifetime"/>,
/// and each reader's share of them (with everyone the reader follows, who decide which merged replies they see), worked
/// out again whenever the whole list was reloaded. A hot read thus needs no database query; a reader's follow or
/// unfollow shows in their merge within <see cref="Lifetime"/> (at once on the instance that applied it).
/// </summary>
internal sealed class LargeAuthorList(IDbContextFactory<TimelineDbContext> contexts, IMemoryCache memory)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const string CacheKey = "timeline:large-authors";

    /// <summary>
    /// The large authors <paramref name="userId"/> follows, whose coos are merged into their timeline when read, and
    /// (only when there are any) everyone they follow.
    /// </summary>
    public async Task<FollowedLargeAuthors> FollowedByAsync(long userId, CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        if (all.Length == 0)
        {
            return FollowedLargeAuthors.None;
        }

        if (memory.TryGetValue((CacheKey, userId), out FollowedShare? share) && ReferenceEquals(share!.Of, all))
        {
            return share.Followed;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var everyone = await db.FollowEdges.Where(e => e.FollowerId == userId && e.IsActive).Select(e => e.FolloweeId).ToArrayAsync(cancellationToken);
        var large = everyone.Intersect(all).ToArray();
        var followed = large.Length == 0 ? FollowedLargeAuthors.None : new FollowedLargeAuthors(large, everyone);
        memory.Set((CacheKey, userId), new FollowedShare(all, followed), Lifetime);
        return followed;
    }

    /// <summary>Reloads the list on its next read on this instance (others see a change within <see cref="Lifetime"/>).</summary>
    public void Forget() => memory.Remove(CacheKey);

    /// <summary>Works out the reader's share again on their next read on this instance, after a follow or unfollow of theirs.</summary>
    public void ForgetFollowedBy(long userId) => memory.Remove((CacheKey, userId));

    private async Task<long[]> AllAsync(CancellationToken cancellationToken) =>
        await memory.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.LargeAuthors.Select(l => l.AuthorId).ToArrayAsync(cancellationToken);
        }) ?? [];

    /// <summary>A reader's followed large authors, worked out against one load of the whole list.</summary>
    private sealed record FollowedShare(long[] Of, FollowedLargeAuthors Followed);
}

/// <summary>The large authors a reader follows, and everyone they follow (empty when they follow no large author).</summary>
internal sealed record FollowedLargeAuthors(long[] Large, long[] Everyone)
{
    public static readonly FollowedLargeAuthors None = new([], []);
}
