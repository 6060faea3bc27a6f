using Coo.Host.Features.Users;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coo.Host.Features.Coos;

/// <summary>Application endpoints for coos: the Coos module's contracts, composed with authors from Users.</summary>
internal static class CooEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var coos = api.MapGroup("/coos").WithTags("Coos");
        coos.MapPost("/", PostAsync).WithName("PostCoo").WithSummary("Post a coo").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Posting);
        coos.MapGet("/{id:long}", GetAsync).WithName("GetCoo").WithSummary("One coo").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Reads);
        coos.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteCoo").WithSummary("Delete your own coo").RequireAuthorization();
        api.MapGet("/users/{username}/coos", ListByUserAsync)
            .WithTags("Coos").WithName("ListUserCoos").WithSummary("A user's coos, newest first").ProducesValidationProblem().AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Reads);
    }

    internal sealed record PostCooRequest(string? Text);

    private static async Task<Results<Created<CooResponse>, ProblemHttpResult>> PostAsync(
        PostCooRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ISender sender,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var result = await sender.Send(new PostCoo(http.User.GetUserId(), body.Text ?? "", idempotencyKey), cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem(http);
        }

        // Read-your-writes: the author's next home timeline read shows the coo without waiting for the fan-out.
        await sender.Send(new RecordOwnCoo(result.Value.AuthorId, result.Value.Id), cancellationToken);
        var coo = (await sender.WithAuthorsAsync([result.Value], cancellationToken)).Single();
        return TypedResults.Created($"/api/v1/coos/{coo.Id}", coo);
    }

    private static async Task<Results<Ok<CooResponse>, ProblemHttpResult>> GetAsync(
        long id, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await sender.Send(new GetCoosByIds([id]), cancellationToken);
        var coo = (await sender.WithAuthorsAsync(found, cancellationToken)).SingleOrDefault();
        return coo is null ? NotFound(http) : TypedResults.Ok(coo);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DeleteCoo(id, http.User.GetUserId()), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem(http);
    }

    private static async Task<Results<Ok<PageResponse<CooResponse>>, ValidationProblem, ProblemHttpResult>> ListByUserAsync(
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
        return TypedResults.Ok(new PageResponse<CooResponse>(await sender.WithAuthorsAsync(page, cancellationToken), nextCursor));
    }

    private static ProblemHttpResult NotFound(HttpContext http) =>
        Shared.Kernel.Error.NotFound("coos.not-found", "No coo has that id.").ToProblem(http);
}
