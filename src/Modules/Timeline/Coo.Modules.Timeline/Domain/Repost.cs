namespace Coo.Modules.Timeline.Domain;

/// <summary>
/// The Timeline module's copy of a repost, kept from Reactions' events: what puts a coo on the timelines of the
/// reposter's followers, what a follow merges, and what takes the coo's place when another repost of it is undone.
/// </summary>
internal sealed class Repost(long repostId, long cooId, long reposterId, long cooAuthorId, long? inReplyToAuthorId)
{
    public long RepostId { get; private set; } = repostId;

    public long CooId { get; private set; } = cooId;

    public long ReposterId { get; private set; } = reposterId;

    public long CooAuthorId { get; private set; } = cooAuthorId;

    public long? InReplyToAuthorId { get; private set; } = inReplyToAuthorId;
}

/// <summary>An undone repost, remembered so that a late or redelivered repost event cannot bring it back.</summary>
internal sealed class UndoneRepost(long repostId, DateTimeOffset undoneAt)
{
    public long RepostId { get; private set; } = repostId;

    public DateTimeOffset UndoneAt { get; private set; } = undoneAt;
}
