using Coo.Modules.Follows.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Follows.Features.ListFollowers;

internal static class ListFollowersEndpoint
{
    public static void Map(IEndpointRouteBuilder user) => user
        .MapGet("/followers", (string username, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            FollowLists.AnswerAsync(username, limit, cursor, sender, http, (userId, before, take) => new GetFollowers(userId, before, take), cancellationToken))
        .WithName("ListFollowers")
        .WithSummary("Who follows a user, newest first")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadAccounts)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
