using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coo.Modules.Reactions.Features;

/// <summary>What the reaction endpoints answer: the coo as the caller now sees it, counts and own state included.</summary>
internal static class ReactionEndpoints
{
    public static async Task<Results<Ok<CooResponse>, ProblemHttpResult>> CooAsSeenByAsync(
        long cooId, long viewerId, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var coo = (await sender.Send(new GetCooResponses([cooId], viewerId), cancellationToken)).SingleOrDefault();
        return coo is null ? CooErrors.NotFound.ToProblem(http) : TypedResults.Ok(coo);
    }
}
