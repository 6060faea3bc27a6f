using Coo.Modules.Media.Contracts;
using Coo.Modules.Users.Contracts;

namespace Coo.Modules.Users.Domain;

/// <summary>An account as others see it, with its uploaded avatar or, without one, its generated default.</summary>
internal static class ShownAvatar
{
    public static UserSummary Summary(long id, string username, string displayName, string? avatarUrl, string? avatarSmallUrl) =>
        new(id, username, displayName, avatarUrl ?? DefaultAvatar.Url(id), avatarSmallUrl ?? DefaultAvatar.SmallUrl(id));

    public static UserProfile Profile(
        long id, string username, string displayName, string bio, DateTimeOffset createdAt, string? avatarUrl, string? avatarSmallUrl) =>
        new(id, username, displayName, bio, createdAt, avatarUrl ?? DefaultAvatar.Url(id), avatarSmallUrl ?? DefaultAvatar.SmallUrl(id));

    public static UserSummary Summary(User user) => Summary(user.Id, user.Username, user.DisplayName, user.AvatarUrl, user.AvatarSmallUrl);
}
