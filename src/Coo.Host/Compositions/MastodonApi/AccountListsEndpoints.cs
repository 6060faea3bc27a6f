using Coo.Modules.Follows.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Someone's followers and the people they follow, as Accounts, newest follow first, paged by the follows.
/// </summary>
internal static class AccountListsEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/accounts/{id}/followers", (string id, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken) =>
            ListAsync(id, "followers", (userId, before, limit) => new GetFollowers(userId, before, limit), http, sender, accounts, urls, cancellationToken))
            .AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
        v1.MapGet("/accounts/{id}/following", (string id, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken) =>
            ListAsync(id, "following", (userId, before, limit) => new GetFollowing(userId, before, limit), http, sender, accounts, urls, cancellationToken))
            .AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
    }

    private static async Task<IResult> ListAsync(
        string id,
        string list,
        Func<long, long?, int, IQuery<IReadOnlyList<FollowEntry>>> query,
        HttpContext http,
        ISender sender,
        MastodonAccounts accounts,
        MastodonUrls urls,
        CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var userId) || !(await accounts.ByIdAsync([userId], cancellationToken)).ContainsKey(userId))
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        if (!MastodonPaging.TryRead(http.Request, out var paging, out var error))
        {
            return error;
        }

        var follows = await sender.Send(query(userId, paging.MaxId, paging.Limit), cancellationToken);
        return await MastodonAccountPage.AnswerAsync(
            http.Response, $"{urls.Base}/api/v1/accounts/{MastodonIds.Of(userId)}/{list}", [.. follows.Select(f => (f.FollowId, f.UserId))], paging, accounts, cancellationToken);
    }
}
