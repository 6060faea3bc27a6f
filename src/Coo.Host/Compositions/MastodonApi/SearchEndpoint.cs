using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's search, as far as Coo can answer it: an account by its exact name (<c>ada</c>, <c>@ada</c> or
/// <c>ada@this-server</c>), which is what clients use it for to follow someone by name. Coo has no full-text search
/// of coos or people, so <c>statuses</c> and <c>hashtags</c> are always empty and other queries find nobody.
/// </summary>
internal static class SearchEndpoint
{
    public static void Map(IEndpointRouteBuilder v2) => v2.MapGet("/search", SearchAsync)
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadSearch);

    private static async Task<IResult> SearchAsync(string? q, string? type, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken)
    {
        List<MastodonAccount> found = [];
        if (type is null or "accounts" && MastodonAcct.Username(q, urls) is { } username
            && await sender.Send(new GetUserByUsername(username), cancellationToken) is { } user
            && (await accounts.ByIdAsync([user.Id], cancellationToken)).TryGetValue(user.Id, out var account))
        {
            found.Add(account.Account);
        }

        return MastodonJson.Ok(new MastodonSearchResults(found, [], []));
    }
}

internal sealed record MastodonSearchResults(IReadOnlyList<MastodonAccount> Accounts, IReadOnlyList<MastodonStatus> Statuses, IReadOnlyList<MastodonTag> Hashtags);

/// <summary>An <c>acct</c> as Mastodon clients write one: a username, with or without a leading <c>@</c>, or <c>username@this-server</c>.</summary>
internal static class MastodonAcct
{
    /// <returns>The username, or null when it names no one here (empty, or on another server).</returns>
    public static string? Username(string? acct, MastodonUrls urls)
    {
        var username = (acct ?? string.Empty).Trim().TrimStart('@');
        var domain = new Uri(urls.Base).Authority;
        if (username.EndsWith($"@{domain}", StringComparison.OrdinalIgnoreCase))
        {
            username = username[..^(domain.Length + 1)];
        }

        return username.Length == 0 || username.Contains('@', StringComparison.Ordinal) ? null : username;
    }
}
