using System.Security.Claims;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.UnitTests.Security;

public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) { KeyId = "k1" };
    private static readonly SymmetricSecurityKey OtherKey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) { KeyId = "k1" };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddMinutes(-1));
    private int _checks;

    [Fact]
    public async Task A_token_that_passed_is_not_checked_again_until_it_expires()
    {
        var tokens = new ValidatedTokenCache(_clock);
        var token = Token(Key, expiresIn: TimeSpan.FromMinutes(2));

        var first = await tokens.ValidateTokenAsync(token, Parameters());
        var second = await tokens.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal("42", second.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value);
        Assert.Equal(1, _checks);

        // The token's own expiry (whole seconds), on the cache's clock; the check itself still runs on the real one.
        var expires = new JsonWebToken(token).ValidTo;
        _clock.SetUtcNow(new DateTimeOffset(expires, TimeSpan.Zero) - TimeSpan.FromTicks(1));
        await tokens.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _checks);

        _clock.SetUtcNow(new DateTimeOffset(expires, TimeSpan.Zero));
        await tokens.ValidateTokenAsync(token, Parameters());
        Assert.Equal(2, _checks);
    }

    [Fact]
    public async Task A_refused_token_is_checked_every_time_and_refused_every_time()
    {
        var tokens = new ValidatedTokenCache(_clock);
        var forged = Token(OtherKey, expiresIn: TimeSpan.FromMinutes(2));

        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.Equal(2, _checks);
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity_so_a_change_to_one_reaches_no_other()
    {
        var tokens = new ValidatedTokenCache(_clock);
        var token = Token(Key, expiresIn: TimeSpan.FromMinutes(2));

        var first = (await tokens.ValidateTokenAsync(token, Parameters())).ClaimsIdentity;
        first.AddClaim(new Claim("role", "admin"));
        var second = (await tokens.ValidateTokenAsync(token, Parameters())).ClaimsIdentity;

        Assert.NotSame(first, second);
        Assert.Null(second.FindFirst("role"));
    }

    [Fact]
    public async Task Another_token_of_the_same_user_is_checked_on_its_own()
    {
        var tokens = new ValidatedTokenCache(_clock);
        await tokens.ValidateTokenAsync(Token(Key, expiresIn: TimeSpan.FromMinutes(2)), Parameters());

        Assert.False((await tokens.ValidateTokenAsync(Token(OtherKey, expiresIn: TimeSpan.FromMinutes(2)), Parameters())).IsValid);
        Assert.Equal(2, _checks);
    }

    private static string Token(SecurityKey key, TimeSpan expiresIn) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "coo",
        Audience = "coo",
        Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "42")]),
        Expires = DateTime.UtcNow + expiresIn,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    /// <summary>Counts the checks of a signature: a token served from the cache is not checked.</summary>
    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "coo",
        ValidAudience = "coo",
        IssuerSigningKeyResolver = (_, _, _, _) =>
        {
            Interlocked.Increment(ref _checks);
            return [Key];
        },
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };
}
