using Coo.Modules.Coos.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Reactions.Features.ListUserLikes;

internal static class ListUserLikesEndpoint
{
    public static void Map(IEndpointRouteBuilder user) => user
        .MapGet("/likes", ListAsync)
        .WithName("ListUserLikes")
        .WithSummary("The coos a user liked, newest like first")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadFavourites)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<JsonPage<CooResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string username, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        var user = await sender.Send(new GetUserByUsername(username), cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound.ToProblem(http);
        }

        var fetched = await sender.Send(new GetLikesByUser(user.Id, beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, r => r.ReactionId);
        var coos = await sender.Send(new GetCooResponses([.. page.Select(r => r.CooId)], http.User.FindUserId()), cancellationToken);
        return JsonPage.Ok(coos, nextCursor, CooResponseJson.Write);
    }
}
