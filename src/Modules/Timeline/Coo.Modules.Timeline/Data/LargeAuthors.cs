using Coo.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Data;

/// <summary>
/// The authors served by read-time merge instead of fan-out (hybrid fan-out). Readers keep the short list in memory
/// for <see cref="ListLifetime"/>; posting reads it from the database and fans out for
/// <see cref="TimelineOptions.LargeAuthorSwitchDelay"/> after an author became large, so that coos posted meanwhile
/// reach timelines both ways until every instance merges them at read time.
/// </summary>
internal sealed class LargeAuthors(TimelineDbContext db, IMemoryCache memory, IOptions<TimelineOptions> options, TimeProvider time)
{
    public static readonly TimeSpan ListLifetime = TimeSpan.FromSeconds(10);
    private const string CacheKey = "timeline:large-authors";

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
            memory.Remove(CacheKey);
        }
    }

    /// <summary>Whether a coo of the author is left to read-time merge instead of being fanned out.</summary>
    public Task<bool> SkipsFanOutAsync(long authorId, CancellationToken cancellationToken)
    {
        return db.LargeAuthors.Where(LargeAuthor.SkipsFanOutAt(time.GetUtcNow(), options.Value.LargeAuthorSwitchDelay))
            .AnyAsync(l => l.AuthorId == authorId, cancellationToken);
    }

    /// <summary>The large authors the user follows, whose coos are merged into the user's timeline when read.</summary>
    public async Task<List<long>> FollowedByAsync(long userId, CancellationToken cancellationToken)
    {
        var all = await memory.GetOrCreateAsync(CacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ListLifetime;
            return db.LargeAuthors.Select(l => l.AuthorId).ToArrayAsync(cancellationToken);
        });
        if (all is not { Length: > 0 })
        {
            return [];
        }

        return await db.FollowEdges.Where(e => e.FollowerId == userId && e.IsActive && all.Contains(e.FolloweeId))
            .Select(e => e.FolloweeId).ToListAsync(cancellationToken);
    }
}
