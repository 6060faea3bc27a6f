using Coo.Modules.Coos.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.ListUserCoos;

internal static class ListUserCoosEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/users/{username}/coos", ListAsync)
        .WithTags("Coos")
        .WithName("ListUserCoos")
        .WithSummary("A user's coos, newest first")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<JsonPage<CooResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string username, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        var author = await sender.Send(new GetUserByUsername(username), cancellationToken);
        if (author is null)
        {
            return UserErrors.NotFound.ToProblem(http);
        }

        var fetched = await sender.Send(new GetCoosByAuthor(author.Id, beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, c => c.Id);
        return JsonPage.Ok(await sender.HydrateAsync(page, http.User.FindUserId(), cancellationToken), nextCursor, CooResponseJson.Write);
    }
}
