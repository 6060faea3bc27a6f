using System.Numerics;
using System.Security.Cryptography;
using Coo.Shared.Infrastructure.Security;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// OpenIddict's signing and encryption keys, derived (HKDF) from Coo's configured Auth signing keys: every instance has
/// the same ones, they survive restarts, and a key rotation (Auth:SigningKeys) rotates them too, the active key's first.
/// Never an ephemeral or development certificate: those differ per instance and per start.
/// </summary>
internal static class OAuthKeys
{
    // The order of the P-256 group: a private key is a number from 1 to this minus one.
    private static readonly BigInteger P256Order = BigInteger.Parse(
        "115792089210356248762697446949407573529996955224135760342422259061068512044369", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// ECDSA P-256 keys (OpenIddict signs with an asymmetric key), whose private scalar is the derived secret; the public
    /// half follows from it.
    /// </summary>
    public static IReadOnlyList<SecurityKey> Signing(AuthSettings auth) =>
    [
        .. Derive(auth, "oauth-server-signing").Select(pair =>
        {
            var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = PrivateScalar(pair.Secret) });
            return new ECDsaSecurityKey(ecdsa) { KeyId = pair.Id };
        }),
    ];

    public static IReadOnlyList<SecurityKey> Encryption(AuthSettings auth) =>
        [.. Derive(auth, "oauth-server-encryption").Select(pair => new SymmetricSecurityKey(pair.Secret) { KeyId = pair.Id })];

    // Named after the Auth key each comes from (DeriveKeys keeps this order), so a token names the same key after a rotation.
    private static IEnumerable<(byte[] Secret, string Id)> Derive(AuthSettings auth, string purpose) =>
        auth.DeriveKeys(purpose)
            .Zip(auth.ValidationKeys.OrderBy(k => k == auth.SigningKey ? 0 : 1))
            .Select(pair => (pair.First, $"{purpose}-{pair.Second.KeyId}"));

    // 32 random bytes fall outside 1..n-1 with a chance of about 2^-32; reducing them keeps the key valid even then.
    private static byte[] PrivateScalar(byte[] secret)
    {
        var value = (new BigInteger(secret, isUnsigned: true, isBigEndian: true) % (P256Order - 1)) + 1;
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - bytes.Length], .. bytes];
    }
}
