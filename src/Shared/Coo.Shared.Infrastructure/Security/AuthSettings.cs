using System.Security.Cryptography;
using System.Text;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>
/// How access tokens are signed and how long tokens live, made once at start from <see cref="AuthOptions"/>. Several keys may
/// validate tokens (each named by its <c>kid</c>), one of them signs new ones: see the README's key rotation steps.
/// </summary>
public sealed record AuthSettings(
    SymmetricSecurityKey SigningKey,
    IReadOnlyList<SymmetricSecurityKey> ValidationKeys,
    string Issuer,
    string Audience,
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime)
{
    public const int MinimumKeyLength = 32;

    /// <summary>The <c>kid</c> of the single key given as <c>Auth:SigningKey</c> (or generated in embedded mode).</summary>
    public const string DefaultKeyId = "default";

    /// <summary>Whether the web client's refresh-token cookie is marked <c>Secure</c> (sent over HTTPS only).</summary>
    public bool SecureCookie { get; init; } = true;

    /// <summary>
    /// How long a just-rotated refresh token still yields the same successor (two tabs, one reload); a reuse after
    /// that revokes the session.
    /// </summary>
    public TimeSpan RefreshReuseGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A key for <paramref name="purpose"/> (cursors, refresh tokens, …) derived from each validation key with HKDF,
    /// the active key's first: something made with the active key is still recognised after it becomes a former one.
    /// </summary>
    public IReadOnlyList<byte[]> DeriveKeys(string purpose) =>
    [
        .. ValidationKeys.OrderBy(k => k == SigningKey ? 0 : 1)
            .Select(k => HKDF.DeriveKey(HashAlgorithmName.SHA256, k.Key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose))),
    ];

    public static AuthSettings From(IConfiguration configuration, DatabaseSettings database, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(database);
        var options = ValidatedSettings.Read<AuthOptions>(configuration, AuthOptions.Section);
        var keys = new List<SymmetricSecurityKey>();
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            keys.Add(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)) { KeyId = DefaultKeyId });
        }

        keys.AddRange(options.SigningKeys.Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k.Key!)) { KeyId = k.Id }));
        if (keys.Count == 0)
        {
            // The embedded default keeps a generated key beside its database, so tokens survive a restart.
            // Several server-mode instances must share one key, so there it has to be configured.
            var folder = database.SqliteDataFolder()
                ?? throw new InvalidConfigurationException(
                    $"Auth:SigningKey (or Auth:SigningKeys) is required when Database:Provider is {database.Provider}: every host instance must sign tokens with the same key.");
            keys.Add(new SymmetricSecurityKey(LoadOrCreateKey(Path.Combine(folder, "signing.key"))) { KeyId = DefaultKeyId });
        }

        return new AuthSettings(ActiveKey(options.ActiveSigningKeyId, keys), keys, options.Issuer, options.Audience, options.AccessTokenLifetime, options.RefreshTokenLifetime)
        {
            SecureCookie = options.SecureCookie ?? !isDevelopment,
            RefreshReuseGracePeriod = options.RefreshReuseGracePeriod,
        };
    }

    private static SymmetricSecurityKey ActiveKey(string? id, List<SymmetricSecurityKey> keys)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return keys.Count == 1
                ? keys[0]
                : throw new InvalidConfigurationException(
                    $"Auth:ActiveSigningKeyId is required when several signing keys are configured ({string.Join(", ", keys.Select(k => k.KeyId))}).");
        }

        return keys.SingleOrDefault(k => k.KeyId == id)
            ?? throw new InvalidConfigurationException(
                $"Auth:ActiveSigningKeyId '{id}' is none of the configured signing keys ({string.Join(", ", keys.Select(k => k.KeyId))}).");
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(path, Encoding.ASCII, options);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
