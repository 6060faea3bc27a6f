using Coo.Modules.Reactions.Domain;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Reactions.Features.React;

/// <summary>Idempotent: reacting the way the user already reacted changes nothing. A deleted or unknown coo is refused.</summary>
internal sealed record React(long UserId, long CooId, ReactionKind Kind) : ICommand<Result<Unit>>;
