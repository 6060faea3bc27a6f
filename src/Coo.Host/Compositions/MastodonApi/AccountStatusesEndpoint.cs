using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Someone's statuses (their coos, replies included), newest first, with Mastodon's paging. Coo keeps no pinned list
/// per page and no media-only index, so <c>pinned=true</c> and <c>only_media=true</c> answer an empty page, and
/// <c>exclude_reblogs</c> changes nothing (reposts are not on an author's page).
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
        if (query["pinned"].FirstOrDefault() is "true" or "1" || query["only_media"].FirstOrDefault() is "true" or "1")
        {
            return MastodonJson.Ok(Array.Empty<MastodonStatus>());
        }

        var coos = await sender.Send(
            new GetAuthorCoos(authorId, http.User.FindUserId(), paging.MaxId, paging.MinId ?? paging.SinceId, paging.Limit, NearestAfter: paging.MinId is not null),
            cancellationToken);
        var page = await statuses.OfAsync(coos, cancellationToken);
        if (coos.Count > 0)
        {
            MastodonPaging.Link(http.Response, $"{urls.Base}/api/v1/accounts/{MastodonIds.Of(authorId)}/statuses", MastodonIds.Of(coos[0].Id), MastodonIds.Of(coos[^1].Id), paging.Limit, includeNext: true);
        }

        return MastodonJson.Ok(page);
    }
}
