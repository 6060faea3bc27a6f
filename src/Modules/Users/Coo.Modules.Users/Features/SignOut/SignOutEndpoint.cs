using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.SignOut;

internal static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder auth) => auth
        .MapPost("/logout", async Task<NoContent> (SignOut command, ISender sender, CancellationToken cancellationToken) =>
        {
            await sender.Send(command, cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("SignOut")
        .WithSummary("Revoke the session a refresh token belongs to")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Sessions);
}
