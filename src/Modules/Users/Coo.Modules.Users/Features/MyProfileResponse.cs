using Coo.Modules.Users.Domain;

namespace Coo.Modules.Users.Features;

/// <summary>The signed-in user's own profile, with what only they may see.</summary>
internal sealed record MyProfileResponse(
    long Id, string Username, string Email, string DisplayName, string Bio, DateTimeOffset CreatedAt, bool IsAdmin, string AvatarUrl, string AvatarSmallUrl)
{
    public static MyProfileResponse From(User user)
    {
        var shown = ShownAvatar.Summary(user);
        return new(user.Id, user.Username, user.Email, user.DisplayName, user.Bio, user.CreatedAt, user.IsAdmin, shown.AvatarUrl, shown.AvatarSmallUrl);
    }
}
