using System.ComponentModel.DataAnnotations;

namespace Coo.Modules.OAuth;

/// <summary>Settings of section <c>OAuth</c>.</summary>
internal sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>
    /// Whether /oauth/* answers only over HTTPS (as seen by Coo, after a trusted proxy's X-Forwarded-Proto). Unset means
    /// as <c>Auth:SecureCookie</c>: on, except in Development, where Coo runs on plain HTTP on localhost.
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>How long a refresh token lives; access tokens never expire, as Mastodon's do not, until revoked.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(365);
}
