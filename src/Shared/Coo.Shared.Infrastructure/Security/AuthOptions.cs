using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>
/// Settings of section <c>Auth</c> as configured; <see cref="AuthSettings"/> is what the host makes of them (the keys,
/// a generated one in embedded mode, and which one signs).
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>A single signing key, whose <c>kid</c> is <see cref="AuthSettings.DefaultKeyId"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys that validate tokens, each named by its <c>kid</c> (key rotation, see the README).</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>Which key signs new tokens; required when there are several.</summary>
    public string? ActiveSigningKeyId { get; set; }

    [Required]
    public string Issuer { get; set; } = "coo";

    [Required]
    public string Audience { get; set; } = "coo-api";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether the refresh-token cookie is HTTPS-only; unset means on, except in Development (plain HTTP on localhost).</summary>
    public bool? SecureCookie { get; set; }

    /// <summary>How long a just-rotated refresh token still yields the same successor (two tabs, one reload).</summary>
    public TimeSpan RefreshReuseGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(AccessTokenLifetime), AccessTokenLifetime), (nameof(RefreshTokenLifetime), RefreshTokenLifetime) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"{Section}:{name} '{value}' is not a positive time span such as 00:15:00.");
            }
        }

        if (RefreshReuseGracePeriod < TimeSpan.Zero || RefreshReuseGracePeriod > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{Section}:{nameof(RefreshReuseGracePeriod)} '{RefreshReuseGracePeriod}' is not a time span from 00:00:00 to 00:05:00.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(SigningKey))
        {
            ids.Add(AuthSettings.DefaultKeyId);
            if (!IsLongEnough(SigningKey))
            {
                yield return TooShort($"{Section}:{nameof(SigningKey)}");
            }
        }

        for (var i = 0; i < SigningKeys.Count; i++)
        {
            var (id, key, path) = (SigningKeys[i].Id, SigningKeys[i].Key, $"{Section}:{nameof(SigningKeys)}:{i}");
            if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                yield return new ValidationResult($"{path}:Id must be 1-64 of A-Z a-z 0-9 - _ . (it is the tokens' kid).");
            }
            else if (!ids.Add(id))
            {
                yield return new ValidationResult($"{path}:Id '{id}' names two signing keys.");
            }

            if (!IsLongEnough(key))
            {
                yield return TooShort($"{path}:Key");
            }
        }
    }

    private static bool IsLongEnough(string? key) => Encoding.UTF8.GetByteCount(key ?? "") >= AuthSettings.MinimumKeyLength;

    private static ValidationResult TooShort(string setting) => new($"{setting} must be at least {AuthSettings.MinimumKeyLength} bytes long.");
}

/// <summary>One entry of <c>Auth:SigningKeys</c>.</summary>
public sealed class SigningKeyOptions
{
    public string? Id { get; set; }

    public string? Key { get; set; }
}
