using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>
/// Checks each access token once and keeps the result until the token expires, for the <see cref="Capacity"/> tokens
/// used last. Coo's access tokens are self-contained and its validation keys are fixed for the host's life, so a token
/// that passed passes the same way until its expiry; reading and checking it on every request was about 5 % of a
/// timeline read's CPU and a fifth of its allocations. Each request gets its own copy of the identity, so nothing a
/// request does to it reaches another; refused tokens are not kept.
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler
{
    private const int Capacity = 10_000;

    private readonly TimeProvider _time;
    private readonly ICache<string, TokenValidationResult> _passed = new ConcurrentLruBuilder<string, TokenValidationResult>()
        .WithCapacity(Capacity)
        .Build();

    public ValidatedTokenCache(TimeProvider time)
    {
        _time = time;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_passed.TryGet(token, out var passed) && _time.GetUtcNow().UtcDateTime < passed.SecurityToken.ValidTo)
        {
            return ForOneRequest(passed);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid)
        {
            return result;
        }

        // The identity is built on first use: built here, once, before other requests can share the result.
        _ = result.ClaimsIdentity;
        _passed.AddOrUpdate(token, result);
        return ForOneRequest(result);
    }

    private static TokenValidationResult ForOneRequest(TokenValidationResult passed) => new()
    {
        IsValid = true,
        SecurityToken = passed.SecurityToken,
        ClaimsIdentity = passed.ClaimsIdentity.Clone(),
        Issuer = passed.Issuer,
        TokenType = passed.TokenType,
    };
}
