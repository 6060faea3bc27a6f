using Coo.Modules.Users.Domain;

namespace Coo.Modules.Users.Features;

/// <summary>
/// A public profile. The counts are filled from the Follows and Coos modules once they keep them; until then
/// no user has followers, followings or coos, so zero is the truth.
/// </summary>
internal sealed record UserProfileResponse(
    long Id,
    string Username,
    string DisplayName,
    string Bio,
    DateTimeOffset CreatedAt,
    int FollowersCount,
    int FollowingCount,
    int CoosCount)
{
    public static UserProfileResponse From(User user) =>
        new(user.Id, user.Username, user.DisplayName, user.Bio, user.CreatedAt, 0, 0, 0);
}

/// <summary>The signed-in user's own profile, with what only they may see.</summary>
internal sealed record MyProfileResponse(long Id, string Username, string Email, string DisplayName, string Bio, DateTimeOffset CreatedAt)
{
    public static MyProfileResponse From(User user) =>
        new(user.Id, user.Username, user.Email, user.DisplayName, user.Bio, user.CreatedAt);
}
