using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Reactions.Features.UndoReaction;

internal static class UndoReactionEndpoint
{
    public static void Map(IEndpointRouteBuilder coo)
    {
        Map(coo, "/like", ReactionKind.Like, "UnlikeCoo", "Take back your like of a coo (idempotent)");
        Map(coo, "/repost", ReactionKind.Repost, "UnrepostCoo", "Take back your repost of a coo (idempotent)");
    }

    private static void Map(IEndpointRouteBuilder coo, string path, ReactionKind kind, string name, string summary) => coo
        .MapDelete(path, async Task<Results<Ok<CooResponse>, ProblemHttpResult>> (
            long id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var userId = http.User.GetUserId();
            await sender.Send(new Contracts.UndoReaction(userId, id, kind), cancellationToken);
            return await ReactionEndpoints.CooAsSeenByAsync(id, userId, sender, http, cancellationToken);
        })
        .WithName(name)
        .WithSummary(summary)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAuthorization()
        .RequireScope(kind == ReactionKind.Like ? MastodonScopes.WriteFavourites : MastodonScopes.WriteStatuses)
        .RequireRateLimiting(ReactionsRateLimits.Reacting);
}
