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

namespace Coo.Modules.Reactions.Features.React;

internal static class ReactEndpoint
{
    public static void Map(IEndpointRouteBuilder coo)
    {
        Map(coo, "/like", ReactionKind.Like, "LikeCoo", "Like a coo (idempotent)");
        Map(coo, "/repost", ReactionKind.Repost, "RepostCoo", "Repost a coo to your followers (idempotent)");
    }

    private static void Map(IEndpointRouteBuilder coo, string path, ReactionKind kind, string name, string summary) => coo
        .MapPut(path, async Task<Results<Ok<CooResponse>, ProblemHttpResult>> (
            long id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var userId = http.User.GetUserId();
            var result = await sender.Send(new Contracts.React(userId, id, kind), cancellationToken);
            return result.IsSuccess
                ? await ReactionEndpoints.CooAsSeenByAsync(id, userId, sender, http, cancellationToken)
                : result.Error!.ToProblem(http);
        })
        .WithName(name)
        .WithSummary(summary)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAuthorization()
        .RequireScope(kind == ReactionKind.Like ? MastodonScopes.WriteFavourites : MastodonScopes.WriteStatuses)
        .RequireRateLimiting(ReactionsRateLimits.Reacting);
}
