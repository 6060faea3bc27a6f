namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// The modules' own rate-limit policies, by the names they register: a Mastodon client posting, reacting, following or uploading
/// spends the same budget per user as Coo's own API, not a second one.
/// </summary>
internal static class MastodonRateLimits
{
    public const string Posting = "posting";

    public const string Reacting = "reacting";

    public const string Following = "following";

    public const string Uploading = "uploading";
}
