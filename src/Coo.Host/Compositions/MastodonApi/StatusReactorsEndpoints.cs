using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>Who favourited (liked) or reblogged (reposted) a status, newest first, paged by the reactions.</summary>
internal static class StatusReactorsEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/statuses/{id}/favourited_by", (string id, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken) =>
            ListAsync(id, ReactionKind.Like, "favourited_by", http, sender, accounts, urls, cancellationToken))
            .AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
        v1.MapGet("/statuses/{id}/reblogged_by", (string id, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken) =>
            ListAsync(id, ReactionKind.Repost, "reblogged_by", http, sender, accounts, urls, cancellationToken))
            .AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
    }

    private static async Task<IResult> ListAsync(
        string id, ReactionKind kind, string list, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var cooId) || (await sender.Send(new GetCooRefs([cooId]), cancellationToken)).Count == 0)
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        if (!MastodonPaging.TryRead(http.Request, out var paging, out var error))
        {
            return error;
        }

        var reactions = await sender.Send(new GetReactors(cooId, kind, paging.MaxId, paging.Limit), cancellationToken);
        return await MastodonAccountPage.AnswerAsync(
            http.Response, $"{urls.Base}/api/v1/statuses/{MastodonIds.Of(cooId)}/{list}", [.. reactions.Select(r => (r.ReactionId, r.UserId))], paging, accounts, cancellationToken);
    }
}
