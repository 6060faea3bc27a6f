using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Coo.Shared.Kernel;

namespace Coo.Modules.Reactions.Features;

/// <summary>The integration event each kind of reaction publishes when it is added or undone.</summary>
internal static class ReactionEvents
{
    public static IIntegrationEvent Added(Reaction r, DateTimeOffset now) => r.Kind switch
    {
        ReactionKind.Like => new CooLikedIntegrationEvent(Guid.CreateVersion7(), now, r.Id, r.CooId, r.CooAuthorId, r.UserId),
        ReactionKind.Repost => new CooRepostedIntegrationEvent(Guid.CreateVersion7(), now, r.Id, r.CooId, r.CooAuthorId, r.UserId),
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "Unknown reaction kind."),
    };

    public static IIntegrationEvent Undone(Reaction r, DateTimeOffset now) => r.Kind switch
    {
        ReactionKind.Like => new CooUnlikedIntegrationEvent(Guid.CreateVersion7(), now, r.Id, r.CooId, r.CooAuthorId, r.UserId),
        ReactionKind.Repost => new CooUnrepostedIntegrationEvent(Guid.CreateVersion7(), now, r.Id, r.CooId, r.CooAuthorId, r.UserId),
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "Unknown reaction kind."),
    };
}
