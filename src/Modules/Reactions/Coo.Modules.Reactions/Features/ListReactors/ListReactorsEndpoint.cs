using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Reactions.Features.ListReactors;

internal static class ListReactorsEndpoint
{
    public static void Map(IEndpointRouteBuilder coo)
    {
        Map(coo, "/likes", ReactionKind.Like, "ListCooLikes", "Who liked a coo, newest first");
        Map(coo, "/reposts", ReactionKind.Repost, "ListCooReposts", "Who reposted a coo, newest first");
    }

    private static void Map(IEndpointRouteBuilder coo, string path, ReactionKind kind, string name, string summary) => coo
        .MapGet(path, (long id, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ListAsync(id, kind, limit, cursor, sender, http, cancellationToken))
        .WithName(name)
        .WithSummary(summary)
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadAccounts)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long cooId, ReactionKind kind, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        if ((await sender.Send(new GetCooRefs([cooId]), cancellationToken)).Count == 0)
        {
            return CooErrors.NotFound.ToProblem(http);
        }

        var fetched = await sender.Send(new GetReactors(cooId, kind, beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, r => r.ReactionId);
        var users = (await sender.Send(new GetUsersByIds([.. page.Select(r => r.UserId)]), cancellationToken)).ToDictionary(u => u.Id);
        return TypedResults.Ok(new PageResponse<UserSummary>([.. page.Where(r => users.ContainsKey(r.UserId)).Select(r => users[r.UserId])], nextCursor));
    }
}
