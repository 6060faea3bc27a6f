using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.Extensions.Configuration;

namespace Coo.UnitTests.Paging;

public sealed class CursorTests
{
    private const string Followers = "/api/v1/users/{username}/followers";
    private static readonly CursorProtector Protector = new(Keys(("Auth:SigningKey", OldKey)));

    [Theory]
    [InlineData(1L)]
    [InlineData(330_000_000_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_is_short_URL_safe_and_gives_back_its_position(long position)
    {
        var cursor = Protector.Protect(Followers, position);

        Assert.Equal(28, cursor.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.True(Protector.TryUnprotect(Followers, cursor, out var read));
        Assert.Equal(position, read);
    }

    [Fact]
    public void A_cursor_of_another_list_is_refused()
    {
        var cursor = Protector.Protect(Followers, 42);

        Assert.False(Protector.TryUnprotect("/api/v1/users/{username}/following", cursor, out var position));
        Assert.Equal(0, position);
    }

    [Fact]
    public void Any_changed_character_is_refused()
    {
        var cursor = Protector.Protect(Followers, 42);
        for (var i = 0; i < cursor.Length; i++)
        {
            var changed = cursor.ToCharArray();
            changed[i] = changed[i] == 'A' ? 'B' : 'A';
            Assert.False(Protector.TryUnprotect(Followers, new string(changed), out _), $"character {i} changed");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_cursors_are_refused_without_throwing(string cursor) =>
        Assert.False(Protector.TryUnprotect(Followers, cursor, out _));

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void A_position_that_is_no_id_is_refused_even_with_a_valid_tag(long position) =>
        Assert.False(Protector.TryUnprotect(Followers, Protector.Protect(Followers, position), out _));

    [Fact]
    public void A_cursor_made_before_a_key_rotation_is_still_accepted_while_its_key_validates()
    {
        var rotated = new CursorProtector(Keys(
            ("Auth:SigningKey", OldKey),
            ("Auth:SigningKeys:0:Id", "new"),
            ("Auth:SigningKeys:0:Key", NewKey),
            ("Auth:ActiveSigningKeyId", "new")));
        var withNewKeyOnly = new CursorProtector(Keys(("Auth:SigningKey", NewKey)));
        var old = Protector.Protect(Followers, 42);

        Assert.True(rotated.TryUnprotect(Followers, old, out var position));
        Assert.Equal(42, position);
        Assert.NotEqual(old, rotated.Protect(Followers, 42));
        Assert.False(withNewKeyOnly.TryUnprotect(Followers, old, out _));
        Assert.True(withNewKeyOnly.TryUnprotect(Followers, rotated.Protect(Followers, 42), out _));
    }

    private const string OldKey = "a-signing-key-long-enough-for-hs256-tokens";
    private const string NewKey = "a-newer-signing-key-long-enough-for-hs256";

    private static AuthSettings Keys(params (string Key, string Value)[] values) => AuthSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
        new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true),
        isDevelopment: false);
}
