using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Users.Contracts;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>Mastodon's Account: a Coo user as Mastodon clients show people. Coo's users are all local and unlocked.</summary>
internal sealed record MastodonAccount(
    string Id,
    string Username,
    string Acct,
    string Url,
    string Uri,
    string DisplayName,
    string Note,
    string Avatar,
    string AvatarStatic,
    string Header,
    string HeaderStatic,
    bool Locked,
    bool Bot,
    bool Group,
    bool? Discoverable,
    bool Indexable,
    bool HideCollections,
    DateTimeOffset CreatedAt,
    string? LastStatusAt,
    int StatusesCount,
    int FollowersCount,
    int FollowingCount,
    IReadOnlyList<object> Emojis,
    IReadOnlyList<object> Fields);

/// <summary>Mastodon's CredentialAccount: the signed-in user's own account, with what they post by default.</summary>
internal sealed record MastodonCredentialAccount(
    string Id,
    string Username,
    string Acct,
    string Url,
    string Uri,
    string DisplayName,
    string Note,
    string Avatar,
    string AvatarStatic,
    string Header,
    string HeaderStatic,
    bool Locked,
    bool Bot,
    bool Group,
    bool? Discoverable,
    bool Indexable,
    bool HideCollections,
    DateTimeOffset CreatedAt,
    string? LastStatusAt,
    int StatusesCount,
    int FollowersCount,
    int FollowingCount,
    IReadOnlyList<object> Emojis,
    IReadOnlyList<object> Fields,
    MastodonSource Source,
    MastodonRole Role)
{
    public static MastodonCredentialAccount Of(MastodonAccount a, string bio) => new(
        a.Id, a.Username, a.Acct, a.Url, a.Uri, a.DisplayName, a.Note, a.Avatar, a.AvatarStatic, a.Header, a.HeaderStatic, a.Locked, a.Bot, a.Group,
        a.Discoverable, a.Indexable, a.HideCollections, a.CreatedAt, a.LastStatusAt, a.StatusesCount, a.FollowersCount, a.FollowingCount, a.Emojis,
        a.Fields, new MastodonSource(bio, [], "public", false, null, 0, a.Indexable, a.HideCollections, a.Discoverable, []), MastodonRole.Everyone);
}

/// <summary>What the user wrote of their profile, unrendered, and their posting defaults (Coo posts publicly only).</summary>
internal sealed record MastodonSource(
    string Note,
    IReadOnlyList<object> Fields,
    string Privacy,
    bool Sensitive,
    string? Language,
    int FollowRequestsCount,
    bool Indexable,
    bool HideCollections,
    bool? Discoverable,
    IReadOnlyList<string> AttributionDomains);

/// <summary>The user's role as Mastodon names it: Coo's users all have Mastodon's default role, with no permissions.</summary>
internal sealed record MastodonRole(string Id, string Name, string Color, string Permissions, bool Highlighted)
{
    public static readonly MastodonRole Everyone = new("-99", string.Empty, string.Empty, "0", false);
}

/// <summary>
/// Builds Accounts for many users at once: their profiles from Users, follow counts from Follows and coo counts from
/// Coos, one call each whatever the number of people.
/// </summary>
internal sealed class MastodonAccounts(ISender sender, MastodonUrls urls)
{
    public async Task<IReadOnlyDictionary<long, (MastodonAccount Account, Modules.Users.Contracts.UserProfile Profile)>> ByIdAsync(
        IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        long[] ids = [.. userIds.Distinct()];
        if (ids.Length == 0)
        {
            return new Dictionary<long, (MastodonAccount, Modules.Users.Contracts.UserProfile)>();
        }

        var profiles = await sender.Send(new GetUserProfilesByIds(ids), cancellationToken);
        var follows = await sender.Send(new GetFollowCounts(ids), cancellationToken);
        var coos = await sender.Send(new GetCooCounts(ids), cancellationToken);
        return profiles.ToDictionary(p => p.Id, p =>
        {
            var counts = follows.GetValueOrDefault(p.Id);
            var avatar = urls.Absolute(p.AvatarUrl);
            var account = new MastodonAccount(
                Id: MastodonIds.Of(p.Id),
                Username: p.Username,
                Acct: p.Username,
                Url: urls.Profile(p.Username),
                Uri: urls.Profile(p.Username),
                DisplayName: p.DisplayName,
                Note: MastodonHtml.Paragraph(p.Bio),
                Avatar: avatar,
                AvatarStatic: avatar,
                Header: urls.MissingHeader,
                HeaderStatic: urls.MissingHeader,
                Locked: false,
                Bot: false,
                Group: false,
                Discoverable: true,
                Indexable: true,
                HideCollections: false,
                CreatedAt: p.CreatedAt,
                LastStatusAt: null,
                StatusesCount: coos.GetValueOrDefault(p.Id),
                FollowersCount: counts?.FollowersCount ?? 0,
                FollowingCount: counts?.FollowingCount ?? 0,
                Emojis: [],
                Fields: []);
            return (account, p);
        });
    }
}
