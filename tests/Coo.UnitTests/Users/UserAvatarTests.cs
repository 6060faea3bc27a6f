using Coo.Modules.Users.Domain;

namespace Coo.UnitTests.Users;

public sealed class UserAvatarTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_newer_avatar_replaces_the_shown_one_and_changes_the_profile_version()
    {
        var user = User.Register(1, "ada", "ada@example.com", "Ada", Now);

        Assert.True(user.SetAvatar(1, "/a-400.jpg", "/a-96.jpg"));
        Assert.Equal(("/a-400.jpg", "/a-96.jpg", 1), (user.AvatarUrl, user.AvatarSmallUrl, user.ProfileVersion));
        Assert.True(user.SetAvatar(2, null, null));
        Assert.Equal((null, null, 2), (user.AvatarUrl, user.AvatarSmallUrl, user.ProfileVersion));
    }

    [Fact]
    public void An_older_or_repeated_avatar_change_arriving_late_changes_nothing()
    {
        var user = User.Register(1, "ada", "ada@example.com", "Ada", Now);
        user.SetAvatar(3, "/c-400.jpg", "/c-96.jpg");

        Assert.False(user.SetAvatar(2, "/b-400.jpg", "/b-96.jpg"));
        Assert.False(user.SetAvatar(3, null, null));
        Assert.Equal(("/c-400.jpg", 3L, 1), (user.AvatarUrl, user.AvatarVersion, user.ProfileVersion));
    }

    [Fact]
    public void Without_an_upload_the_account_shows_its_generated_default()
    {
        var user = User.Register(254172886116343808, "ada", "ada@example.com", "Ada", Now);

        var shown = ShownAvatar.Summary(user);

        Assert.Equal("/api/v1/media/default-avatars/254172886116343808-400.png", shown.AvatarUrl);
        Assert.Equal("/api/v1/media/default-avatars/254172886116343808-96.png", shown.AvatarSmallUrl);
    }
}
