using Mediator;

namespace Coo.Modules.Timeline.Contracts;

/// <summary>
/// The coos on a user's home timeline (their own, those of everyone they follow, and those reposted by them), newest
/// first by <see cref="TimelineItem.Position"/>, strictly below <paramref name="BeforePosition"/> when given. Positions
/// are time-ordered ids, so a coo posted or reposted while a client pages never shifts the pages it has yet to read.
/// </summary>
public sealed record GetHomeTimeline(long UserId, long? BeforePosition, int Limit) : IQuery<IReadOnlyList<TimelineItem>>;

/// <summary>
/// One coo on a home timeline: at its own id when it is there in its own right, otherwise at the id of the newest repost
/// of it by someone the user follows (or the user), <see cref="RepostedById"/>. A coo is on a timeline once.
/// </summary>
public sealed record TimelineItem(long Position, long CooId, long? RepostedById)
{
    public static TimelineItem Original(long cooId) => new(cooId, cooId, null);
}
