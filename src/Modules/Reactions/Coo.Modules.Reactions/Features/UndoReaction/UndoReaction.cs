using Coo.Modules.Reactions.Domain;
using Mediator;

namespace Coo.Modules.Reactions.Features.UndoReaction;

/// <summary>Idempotent: undoing a reaction the user does not have changes nothing.</summary>
internal sealed record UndoReaction(long UserId, long CooId, ReactionKind Kind) : ICommand;
