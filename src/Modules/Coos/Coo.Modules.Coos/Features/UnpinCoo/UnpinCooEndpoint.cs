using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.UnpinCoo;

internal static class UnpinCooEndpoint
{
    public static void Map(IEndpointRouteBuilder pinnedCoo) => pinnedCoo
        .MapDelete("/", async Task<NoContent> (ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            await sender.Send(new UnpinCoo(http.User.GetUserId()), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("UnpinCoo")
        .WithSummary("Unpin your pinned coo, if any")
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteAccounts)
        .RequireRateLimiting(CoosRateLimits.Pinning);
}
