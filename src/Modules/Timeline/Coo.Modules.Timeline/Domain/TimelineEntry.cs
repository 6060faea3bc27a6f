namespace Coo.Modules.Timeline.Domain;

/// <summary>
/// One coo on one user's home timeline. <see cref="InReplyToAuthorId"/> is kept for a reply, whose place on a timeline
/// depends on following that author too.
/// </summary>
internal sealed class TimelineEntry(long ownerId, long cooId, long authorId, long? inReplyToAuthorId)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CooId { get; private set; } = cooId;

    public long AuthorId { get; private set; } = authorId;

    public long? InReplyToAuthorId { get; private set; } = inReplyToAuthorId;
}
