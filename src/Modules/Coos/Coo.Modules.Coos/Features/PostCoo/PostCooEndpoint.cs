using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
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
        var result = await sender.Send(new PostCoo(http.User.GetUserId(), body.Text ?? "", idempotencyKey, body.InReplyToId, body.MediaIds), cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem(http);
        }

        // Read-your-writes: the author's next home timeline read shows the coo without waiting for the fan-out of
        // CooPosted, which records it too (idempotently) and reaches the followers.
        await sender.Send(new RecordOwnCoo(result.Value.AuthorId, result.Value.Id, result.Value.InReplyToAuthorId), cancellationToken);
        var coo = (await sender.HydrateAsync([result.Value], result.Value.AuthorId, cancellationToken)).Single();
        return TypedResults.Created($"/api/v1/coos/{coo.Id}", coo);
    }
}
