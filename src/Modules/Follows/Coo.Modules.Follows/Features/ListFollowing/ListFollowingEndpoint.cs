using Coo.Modules.Follows.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Follows.Features.ListFollowing;

internal static class ListFollowingEndpoint
{
    public static void Map(IEndpointRouteBuilder user) => user
        .MapGet("/following", (string username, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            FollowLists.AnswerAsync(username, limit, cursor, sender, http, (userId, before, take) => new GetFollowing(userId, before, take), cancellationToken))
        .WithName("ListFollowing")
        .WithSummary("Whom a user follows, newest first")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadAccounts)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
