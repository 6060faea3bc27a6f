namespace Coo.Modules.Timeline.Domain;

/// <summary>One coo on one user's home timeline.</summary>
internal sealed class TimelineEntry(long ownerId, long cooId, long authorId)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CooId { get; private set; } = cooId;

    public long AuthorId { get; private set; } = authorId;
}
