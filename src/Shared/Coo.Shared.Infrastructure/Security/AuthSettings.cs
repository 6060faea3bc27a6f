using System.Security.Cryptography;
using System.Text;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>How access tokens are signed and how long tokens live; read once at start from <c>Auth:*</c>.</summary>
public sealed record AuthSettings(SymmetricSecurityKey SigningKey, string Issuer, string Audience, TimeSpan AccessTokenLifetime, TimeSpan RefreshTokenLifetime)
{
    public const int MinimumKeyLength = 32;

    /// <summary>
    /// Whether the web client's refresh-token cookie is marked <c>Secure</c> (sent over HTTPS only). On by default;
    /// off by default in Development, which serves plain HTTP on localhost.
    /// </summary>
    public bool SecureCookie { get; init; } = true;

    public static AuthSettings From(IConfiguration configuration, DatabaseSettings database, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var key = configuration["Auth:SigningKey"];
        byte[] keyBytes;
        if (!string.IsNullOrEmpty(key))
        {
            keyBytes = Encoding.UTF8.GetBytes(key);
            if (keyBytes.Length < MinimumKeyLength)
            {
                throw new InvalidConfigurationException($"Auth:SigningKey must be at least {MinimumKeyLength} bytes long.");
            }
        }
        else
        {
            // The embedded default keeps a generated key beside its database, so tokens survive a restart.
            // Several server-mode instances must share one key, so there it has to be configured.
            var folder = database.SqliteDataFolder()
                ?? throw new InvalidConfigurationException(
                    $"Auth:SigningKey is required when Database:Provider is {database.Provider}: every host instance must sign tokens with the same key.");
            keyBytes = LoadOrCreateKey(Path.Combine(folder, "signing.key"));
        }

        return new AuthSettings(
            new SymmetricSecurityKey(keyBytes),
            configuration["Auth:Issuer"] ?? "coo",
            configuration["Auth:Audience"] ?? "coo-api",
            ReadLifetime(configuration, "Auth:AccessTokenLifetime", TimeSpan.FromMinutes(15)),
            ReadLifetime(configuration, "Auth:RefreshTokenLifetime", TimeSpan.FromDays(30)))
        {
            SecureCookie = ReadFlag(configuration, "Auth:SecureCookie", fallback: !isDevelopment),
        };
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
