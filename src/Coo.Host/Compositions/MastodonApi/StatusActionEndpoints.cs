using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Favourites are Coo's likes and reblogs its reposts, through the Reactions module's own commands (idempotent, as in
/// Mastodon). Each answers the status as the caller now sees it; a reblog answers the reblog itself, whose
/// <c>reblog</c> is the coo.
/// </summary>
internal static class StatusActionEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        var status = v1.MapGroup("/statuses/{id}").RequireAuthorization().RequireRateLimiting(MastodonRateLimits.Reacting);
        status.MapPost("/favourite", (string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken) =>
            ReactAsync(id, ReactionKind.Like, http, sender, statuses, cancellationToken)).RequireScope(MastodonScopes.WriteFavourites);
        status.MapPost("/unfavourite", (string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken) =>
            UndoAsync(id, ReactionKind.Like, http, sender, statuses, cancellationToken)).RequireScope(MastodonScopes.WriteFavourites);
        status.MapPost("/reblog", (string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken) =>
            ReactAsync(id, ReactionKind.Repost, http, sender, statuses, cancellationToken)).RequireScope(MastodonScopes.WriteStatuses);
        status.MapPost("/unreblog", (string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken) =>
            UndoAsync(id, ReactionKind.Repost, http, sender, statuses, cancellationToken)).RequireScope(MastodonScopes.WriteStatuses);
    }

    private static async Task<IResult> ReactAsync(
        string id, ReactionKind kind, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var cooId))
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        var userId = http.User.GetUserId();
        var reacted = await sender.Send(new React(userId, cooId, kind), cancellationToken);
        if (!reacted.IsSuccess)
        {
            return reacted.Error!.ToProblem(http);
        }

        if ((await sender.Send(new GetCooResponses([cooId], userId), cancellationToken)) is not [var coo])
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        if (kind == ReactionKind.Repost && (await Reposters.ByIdAsync(sender, [userId], cancellationToken)).TryGetValue(userId, out var me))
        {
            coo = coo with { RepostedBy = me, RepostId = reacted.Value };
        }

        return await AnswerAsync(coo, statuses, cancellationToken);
    }

    private static async Task<IResult> UndoAsync(
        string id, ReactionKind kind, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        if (!MastodonIds.TryRead(id, out var cooId) || (await sender.Send(new GetCooResponses([cooId], userId), cancellationToken)).Count == 0)
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        await sender.Send(new UndoReaction(userId, cooId, kind), cancellationToken);
        return (await sender.Send(new GetCooResponses([cooId], userId), cancellationToken)) is [var coo]
            ? await AnswerAsync(coo, statuses, cancellationToken)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
    }

    private static async Task<IResult> AnswerAsync(CooResponse coo, MastodonStatuses statuses, CancellationToken cancellationToken) =>
        (await statuses.OfAsync([coo], cancellationToken)) is [var status]
            ? MastodonJson.Ok(status)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
}
