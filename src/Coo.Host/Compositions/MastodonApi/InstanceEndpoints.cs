using Coo.Host.Composition;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Media.Contracts;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// What this server is, as Mastodon describes itself (v1, and v2 which newer clients read): its address, what Coo
/// allows (coo length, images per coo) and the Mastodon version whose API it follows, which clients read to decide what
/// to call. Anonymous, as in Mastodon.
/// </summary>
internal static class InstanceEndpoints
{
    /// <summary>The Mastodon API version Coo's answers follow, and Coo itself after it, as compatible servers write it.</summary>
    public const string Version = "4.3.0 (compatible; Coo)";

    /// <summary>The <c>api_versions.mastodon</c> of the Mastodon version above.</summary>
    private const int MastodonApiVersion = 2;

    private const string Title = "Coo";

    private const string Description = "A Twitter-like service: short coos, follows, timelines.";

    /// <summary>The languages Coo's own texts come in.</summary>
    private static readonly string[] Languages = ["en", "de"];

    private static readonly string[] ImageTypes = ["image/jpeg", "image/png", "image/webp"];

    public static void Map(IEndpointRouteBuilder v1, IEndpointRouteBuilder v2)
    {
        v1.MapGet("/instance", (AppOptions app, MastodonUrls urls) => MastodonJson.Ok(new
        {
            uri = new Uri(urls.Base).Authority,
            title = Title,
            short_description = Description,
            description = Description,
            email = ContactEmail(app, urls),
            version = Version,
            urls = new { streaming_api = StreamingUrl(urls) },
            stats = new { user_count = 0, status_count = 0, domain_count = 1 },
            thumbnail = (string?)null,
            languages = Languages,
            registrations = true,
            approval_required = false,
            invites_enabled = false,
            configuration = Configuration(urls),
            contact_account = (object?)null,
            rules = Array.Empty<object>(),
        })).AllowAnonymous();

        v2.MapGet("/instance", (AppOptions app, MastodonUrls urls) => MastodonJson.Ok(new
        {
            domain = new Uri(urls.Base).Authority,
            title = Title,
            version = Version,
            source_url = urls.Base,
            description = Description,
            usage = new { users = new { active_month = 0 } },
            thumbnail = new { url = $"{urls.Base}/favicon.svg" },
            languages = Languages,
            configuration = Configuration(urls),
            registrations = new { enabled = true, approval_required = false, message = (string?)null },
            contact = new { email = ContactEmail(app, urls), account = (object?)null },
            api_versions = new { mastodon = MastodonApiVersion },
            icon = Array.Empty<object>(),
            rules = Array.Empty<object>(),
        })).AllowAnonymous();
    }

    private static object Configuration(MastodonUrls urls) => new
    {
        urls = new { streaming = StreamingUrl(urls) },
        accounts = new { max_featured_tags = 0, max_pinned_statuses = 1 },
        statuses = new { max_characters = CooLimits.MaxLength, max_media_attachments = MediaLimits.MaxPerCoo, characters_reserved_per_url = CooLimits.CharactersPerUrl },
        media_attachments = new
        {
            supported_mime_types = ImageTypes,
            image_size_limit = MediaLimits.MaxUploadBytes,
            image_matrix_limit = 16_777_216,
            video_size_limit = 0,
            video_frame_rate_limit = 0,
            video_matrix_limit = 0,
        },
        polls = new { max_options = 0, max_characters_per_option = 0, min_expiration = 0, max_expiration = 0 },
        translation = new { enabled = false },
    };

    private static string ContactEmail(AppOptions app, MastodonUrls urls) => app.ContactEmail ?? $"postmaster@{new Uri(urls.Base).Host}";

    private static string StreamingUrl(MastodonUrls urls) => urls.Base.Replace("http", "ws", StringComparison.Ordinal);
}
