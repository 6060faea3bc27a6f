using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Someone's statuses (their coos, replies included unless <c>exclude_replies</c>), newest first, with Mastodon's
/// paging. <c>pinned=true</c> is the one coo an author pins, on the first page only. Coo keeps no media-only index, so
/// <c>only_media=true</c> answers an empty page; <c>exclude_reblogs</c> changes nothing (reposts are not on an author's
/// page).
/// </summary>
internal static class AccountStatusesEndpoint
{
    public static void Map(IEndpointRouteBuilder v1) => v1.MapGet("/accounts/{id}/statuses", ListAsync)
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses);

    private static async Task<IResult> ListAsync(
        string id, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonStatuses statuses, MastodonUrls urls, CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var authorId) || !(await accounts.ByIdAsync([authorId], cancellationToken)).ContainsKey(authorId))
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        if (!MastodonPaging.TryRead(http.Request, out var paging, out var error))
        {
            return error;
        }

        var query = http.Request.Query;
        var viewerId = http.User.FindUserId();
        if (MastodonForm.IsSet(query["pinned"].FirstOrDefault()))
        {
            var pinned = paging.MaxId is null && paging.MinId is null && paging.SinceId is null
                ? await sender.Send(new GetPinnedCoo(authorId, viewerId), cancellationToken)
                : null;
            IReadOnlyList<MastodonStatus> shown = pinned is null
                ? []
                : [.. (await statuses.OfAsync([pinned], cancellationToken)).Select(status => status with { Pinned = viewerId == authorId })];
            return MastodonJson.Ok(shown);
        }

        if (MastodonForm.IsSet(query["only_media"].FirstOrDefault()))
        {
            return MastodonJson.Ok(Array.Empty<MastodonStatus>());
        }

        var coos = await sender.Send(
            new GetAuthorCoos(
                authorId, viewerId, paging.MaxId, paging.MinId ?? paging.SinceId, paging.Limit, NearestAfter: paging.MinId is not null, ExcludeReplies: MastodonForm.IsSet(query["exclude_replies"].FirstOrDefault())),
            cancellationToken);
        var page = await statuses.OfAsync(coos, cancellationToken);
        if (coos.Count > 0)
        {
            MastodonPaging.Link(http.Response, $"{urls.Base}/api/v1/accounts/{MastodonIds.Of(authorId)}/statuses", MastodonIds.Of(coos[0].Id), MastodonIds.Of(coos[^1].Id), paging.Limit, includeNext: true);
        }

        return MastodonJson.Ok(page);
    }
}
