using System.Linq.Expressions;

namespace Coo.Modules.Timeline.Domain;

/// <summary>
/// An author with more followers than <see cref="TimelineOptions.LargeAuthorFollowers"/>: their coos are not
/// written to every follower's timeline but merged into it when it is read. An author stays large once marked, since
/// the coos they posted while large exist only in their own list and would otherwise drop out of timelines.
/// </summary>
internal sealed class LargeAuthor(long authorId, DateTimeOffset since)
{
    public long AuthorId { get; private set; } = authorId;

    public DateTimeOffset Since { get; private set; } = since;

    /// <summary>Whether an author with this many active followers is served by read-time merge.</summary>
    public static bool IsLarge(int activeFollowers, int largeAuthorFollowers) => activeFollowers > largeAuthorFollowers;

    /// <summary>
    /// Large authors whose coos are no longer fanned out at <paramref name="now"/>: those large for at least
    /// <paramref name="switchDelay"/>, so that every instance's list of large authors includes them by then.
    /// An expression, so that the database applies the same rule.
    /// </summary>
    public static Expression<Func<LargeAuthor, bool>> SkipsFanOutAt(DateTimeOffset now, TimeSpan switchDelay)
    {
        var switchedBefore = now - switchDelay;
        return l => l.Since <= switchedBefore;
    }
}
