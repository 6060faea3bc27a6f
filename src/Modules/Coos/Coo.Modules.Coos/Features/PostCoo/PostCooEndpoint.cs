using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.PostCoo;

internal static class PostCooEndpoint
{
    public static void Map(IEndpointRouteBuilder coos) => coos
        .MapPost("/", PostAsync)
        .WithName("PostCoo")
        .WithSummary("Post a coo, or a reply to one (inReplyToId), with up to four uploaded images (mediaIds)")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteStatuses)
        .RequireRateLimiting(CoosRateLimits.Posting);

    private static async Task<Results<Created<CooResponse>, ProblemHttpResult>> PostAsync(
        PostCooRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ISender sender,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var result = await sender.Send(new Contracts.PostCoo(http.User.GetUserId(), body.Text ?? "", idempotencyKey, body.InReplyToId, body.MediaIds), cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/coos/{result.Value.Id}", result.Value) : result.Error!.ToProblem(http);
    }
}
