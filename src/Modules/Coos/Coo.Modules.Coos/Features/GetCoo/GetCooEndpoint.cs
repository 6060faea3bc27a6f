using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.GetCoo;

internal static class GetCooEndpoint
{
    public static void Map(IEndpointRouteBuilder coos) => coos
        .MapGet("/{id:long}", async Task<Results<Ok<CooResponse>, ProblemHttpResult>> (
            long id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var found = await sender.Send(new GetCoosByIds([id]), cancellationToken);
            var coo = (await sender.HydrateAsync(found, http.User.FindUserId(), cancellationToken)).SingleOrDefault();
            return coo is null ? CoosErrors.NotFound.ToProblem(http) : TypedResults.Ok(coo);
        })
        .WithName("GetCoo")
        .WithSummary("One coo")
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
