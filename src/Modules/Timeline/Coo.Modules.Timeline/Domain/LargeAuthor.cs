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
}
