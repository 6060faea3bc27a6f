namespace Coo.Modules.Timeline.Domain;

/// <summary>
/// One coo on one user's home timeline, at most once: in its own right (<see cref="Position"/> is its id), or as the
/// newest repost of it by someone the owner follows (<see cref="Position"/> is that repost's id, by
/// <see cref="RepostedById"/>). <see cref="AuthorId"/> and <see cref="InReplyToAuthorId"/> decide whether the owner
/// sees the coo in its own right: they must follow its author, and for a reply the author it answers too.
/// </summary>
internal sealed class TimelineEntry(long ownerId, long cooId, long authorId, long? inReplyToAuthorId, long position, long? repostedById)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CooId { get; private set; } = cooId;

    public long AuthorId { get; private set; } = authorId;

    public long? InReplyToAuthorId { get; private set; } = inReplyToAuthorId;

    public long Position { get; private set; } = position;

    public long? RepostedById { get; private set; } = repostedById;
}
