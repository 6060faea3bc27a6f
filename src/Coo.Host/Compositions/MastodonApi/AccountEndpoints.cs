using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>People as Mastodon's Accounts: the signed-in user's own (with its source), anyone's by id or by username.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/accounts/verify_credentials", VerifyCredentialsAsync).RequireAuthorization().RequireScope(MastodonScopes.ReadAccounts);
        v1.MapGet("/accounts/lookup", LookupAsync).AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
        v1.MapGet("/accounts/{id}", GetAsync).AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
    }

    private static async Task<IResult> VerifyCredentialsAsync(HttpContext http, MastodonAccounts accounts, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        return (await accounts.ByIdAsync([userId], cancellationToken)).TryGetValue(userId, out var me)
            ? MastodonJson.Ok(MastodonCredentialAccount.Of(me.Account, me.Profile.Bio))
            : MastodonJson.Error(StatusCodes.Status401Unauthorized, "The access token is invalid");
    }

    private static async Task<IResult> GetAsync(string id, MastodonAccounts accounts, CancellationToken cancellationToken) =>
        MastodonIds.TryRead(id, out var userId) && (await accounts.ByIdAsync([userId], cancellationToken)).TryGetValue(userId, out var found)
            ? MastodonJson.Ok(found.Account)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");

    private static async Task<IResult> LookupAsync(string? acct, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken)
    {
        var user = MastodonAcct.Username(acct, urls) is { } username ? await sender.Send(new GetUserByUsername(username), cancellationToken) : null;
        return user is not null && (await accounts.ByIdAsync([user.Id], cancellationToken)).TryGetValue(user.Id, out var found)
            ? MastodonJson.Ok(found.Account)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
    }
}
