namespace Coo.Modules.Timeline.Domain;

/// <summary>
/// Where a timeline stops being complete: it holds every coo it should from <see cref="CompleteFromCooId"/> on;
/// older pages are filled from the authors' own coos. Trimming and merging a new followee's recent coos raise it.
/// </summary>
internal sealed class TimelineHorizon(long ownerId, long completeFromCooId)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CompleteFromCooId { get; private set; } = completeFromCooId;
}
