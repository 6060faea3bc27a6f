using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.PinCoo;

internal static class PinCooEndpoint
{
    public static void Map(IEndpointRouteBuilder pinnedCoo) => pinnedCoo
        .MapPut("/", PinAsync)
        .WithName("PinCoo")
        .WithSummary("Pin one of your coos to your profile, replacing your pin")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteAccounts)
        .RequireRateLimiting(CoosRateLimits.Pinning);

    private static async Task<Results<Ok<CooResponse>, ProblemHttpResult>> PinAsync(
        PinCooRequest body, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new PinCoo(http.User.GetUserId(), body.CooId ?? 0), cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem(http);
        }

        var coo = (await sender.HydrateAsync([result.Value], http.User.GetUserId(), cancellationToken)).Single();
        return TypedResults.Ok(coo);
    }
}
