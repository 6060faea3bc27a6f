using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Reactions.Contracts;

/// <summary>What a user can do to someone's coo. Stored as its number: never renumber.</summary>
public enum ReactionKind
{
    Like = 1,
    Repost = 2,
}

/// <summary>
/// Idempotent: reacting the way the user already reacted changes nothing. Answers the reaction's id (a repost's place
/// in timelines). A deleted or unknown coo is refused.
/// </summary>
public sealed record React(long UserId, long CooId, ReactionKind Kind) : ICommand<Result<long>>;

/// <summary>Idempotent: undoing a reaction the user does not have changes nothing.</summary>
public sealed record UndoReaction(long UserId, long CooId, ReactionKind Kind) : ICommand;

/// <summary>Who reacted to <paramref name="CooId"/> that way, newest first, older than <paramref name="BeforeReactionId"/> when given.</summary>
public sealed record GetReactors(long CooId, ReactionKind Kind, long? BeforeReactionId, int Limit) : IQuery<IReadOnlyList<ReactionEntry>>;

/// <summary>One reaction of a list: <see cref="ReactionId"/> orders reactions by time and serves as the page cursor.</summary>
public sealed record ReactionEntry(long ReactionId, long UserId, long CooId);
