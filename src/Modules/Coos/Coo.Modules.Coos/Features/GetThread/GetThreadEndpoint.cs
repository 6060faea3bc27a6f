using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Features.GetCoo;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.GetThread;

/// <summary>
/// One place in a thread. <see cref="Depth"/> counts from the coo the thread was asked for: 0 for it, below zero for
/// the coos it answers (the root first), above zero for the replies below it. A deleted coo that keeps the thread's
/// shape is <see cref="Deleted"/> and has no <see cref="Coo"/>.
/// </summary>
internal sealed record ThreadEntryResponse(long Id, int Depth, bool Deleted, CooResponse? Coo);

internal static class GetThreadEndpoint
{
    public static void Map(IEndpointRouteBuilder coos) => coos
        .MapGet("/{id:long}/thread", ListAsync)
        .WithName("GetThread")
        .WithSummary("A coo's thread: the coos it answers, the coo, and the replies below it in conversation order")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<Ok<PageResponse<ThreadEntryResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long id, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        // A thread's cursor is the last entry of the page before, not a time: the order is the conversation's.
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var afterId, out var problem))
        {
            return problem!;
        }

        var coo = (await sender.Send(new GetCoosByIds([id]), cancellationToken)).SingleOrDefault();
        if (coo is null)
        {
            return CoosErrors.NotFound.ToProblem(http);
        }

        var conversation = await sender.Send(new GetConversation(coo.ConversationId), cancellationToken);
        var fetched = ThreadOrder.Arrange(conversation, coo.Id, afterId).Take(pageSize + 1).ToList();
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, e => e.Id);

        // Only the page's coos are read and hydrated; one deleted since the shape was read shows as deleted.
        var found = await sender.Send(new GetCoosByIds([.. page.Where(e => !e.Deleted).Select(e => e.Id)]), cancellationToken);
        var shown = (await sender.HydrateAsync(found, http.User.FindUserId(), cancellationToken)).ToDictionary(c => c.Id);
        return TypedResults.Ok(new PageResponse<ThreadEntryResponse>(
            [.. page.Select(e => shown.TryGetValue(e.Id, out var response)
                ? new ThreadEntryResponse(e.Id, e.Depth, false, response)
                : new ThreadEntryResponse(e.Id, e.Depth, true, null))],
            nextCursor));
    }
}
