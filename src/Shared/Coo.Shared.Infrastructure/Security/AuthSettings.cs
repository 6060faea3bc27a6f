using System.Security.Cryptography;
using System.Text;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>
/// How access tokens are signed and how long tokens live; read once at start from <c>Auth:*</c>. Several keys may
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

    /// <summary>
    /// Whether the web client's refresh-token cookie is marked <c>Secure</c> (sent over HTTPS only). On by default;
    /// off by default in Development, which serves plain HTTP on localhost.
    /// </summary>
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
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var keys = ReadKeys(configuration);
        if (keys.Count == 0)
        {
            // The embedded default keeps a generated key beside its database, so tokens survive a restart.
            // Several server-mode instances must share one key, so there it has to be configured.
            var folder = database.SqliteDataFolder()
                ?? throw new InvalidConfigurationException(
                    $"Auth:SigningKey (or Auth:SigningKeys) is required when Database:Provider is {database.Provider}: every host instance must sign tokens with the same key.");
            keys.Add(new SymmetricSecurityKey(LoadOrCreateKey(Path.Combine(folder, "signing.key"))) { KeyId = DefaultKeyId });
        }

        return new AuthSettings(
            ActiveKey(configuration, keys),
            keys,
            configuration["Auth:Issuer"] ?? "coo",
            configuration["Auth:Audience"] ?? "coo-api",
            ReadLifetime(configuration, "Auth:AccessTokenLifetime", TimeSpan.FromMinutes(15)),
            ReadLifetime(configuration, "Auth:RefreshTokenLifetime", TimeSpan.FromDays(30)))
        {
            SecureCookie = ReadFlag(configuration, "Auth:SecureCookie", fallback: !isDevelopment),
            RefreshReuseGracePeriod = ReadGracePeriod(configuration),
        };
    }

    /// <summary><c>Auth:SigningKey</c> (id <see cref="DefaultKeyId"/>) and every <c>Auth:SigningKeys:n</c> <c>{Id, Key}</c>.</summary>
    private static List<SymmetricSecurityKey> ReadKeys(IConfiguration configuration)
    {
        var keys = new List<SymmetricSecurityKey>();
        if (configuration["Auth:SigningKey"] is { Length: > 0 } single)
        {
            keys.Add(Key(DefaultKeyId, single, "Auth:SigningKey"));
        }

        foreach (var entry in configuration.GetSection("Auth:SigningKeys").GetChildren())
        {
            var id = entry["Id"];
            if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new InvalidConfigurationException($"{entry.Path}:Id must be 1-64 of A-Z a-z 0-9 - _ . (it is the tokens' kid).");
            }

            if (keys.Any(k => k.KeyId == id))
            {
                throw new InvalidConfigurationException($"{entry.Path}:Id '{id}' names two signing keys.");
            }

            keys.Add(Key(id, entry["Key"], $"{entry.Path}:Key"));
        }

        return keys;
    }

    private static SymmetricSecurityKey Key(string id, string? text, string setting)
    {
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        return bytes.Length >= MinimumKeyLength
            ? new SymmetricSecurityKey(bytes) { KeyId = id }
            : throw new InvalidConfigurationException($"{setting} must be at least {MinimumKeyLength} bytes long.");
    }

    private static SymmetricSecurityKey ActiveKey(IConfiguration configuration, List<SymmetricSecurityKey> keys)
    {
        var id = configuration["Auth:ActiveSigningKeyId"];
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

    private static TimeSpan ReadGracePeriod(IConfiguration configuration)
    {
        const string key = "Auth:RefreshReuseGracePeriod";
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(30);
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(5)
            ? value
            : throw new InvalidConfigurationException($"{key} '{text}' is not a time span from 00:00:00 to 00:05:00.");
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

    private static bool ReadFlag(IConfiguration configuration, string key, bool fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidConfigurationException($"{key} '{text}' is not true or false.");
    }

    private static TimeSpan ReadLifetime(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidConfigurationException($"{key} '{text}' is not a positive time span such as 00:15:00.");
    }
}
