using Coo.Modules.Coos.Contracts;
using Coo.Modules.Tags.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Tags.Features.ListTaggedCoos;

internal static class ListTaggedCoosEndpoint
{
    public static void Map(IEndpointRouteBuilder tags) => tags
        .MapGet("/{tag}/coos", ListAsync)
        .WithName("ListTaggedCoos")
        .WithSummary("The coos with a hashtag (any case, without the #), newest first")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<JsonPage<CooResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string tag, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        if (Hashtag.Normalize(tag) is not { } normalized)
        {
            return TagsErrors.NotATag.ToProblem(http);
        }

        var fetched = await sender.Send(new GetTaggedCooIds(normalized, beforeId, AfterCooId: null, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, id => id);
        var coos = await sender.Send(new GetCooResponses(page, http.User.FindUserId()), cancellationToken);
        return JsonPage.Ok(coos, nextCursor, CooResponseJson.Write);
    }
}
