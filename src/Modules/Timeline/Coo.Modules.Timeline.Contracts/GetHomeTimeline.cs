using Mediator;

namespace Coo.Modules.Timeline.Contracts;

/// <summary>
/// The ids of the coos on a user's home timeline (their own and those of everyone they follow), newest first,
/// strictly older than <paramref name="BeforeCooId"/> when given. Ids are time-ordered, so a coo posted while
/// a client pages never shifts the pages it has yet to read.
/// </summary>
public sealed record GetHomeTimeline(long UserId, long? BeforeCooId, int Limit) : IQuery<IReadOnlyList<long>>;
