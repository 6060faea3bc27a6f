namespace Coo.Shared.Infrastructure.Security;

/// <summary>
/// The OAuth scopes Mastodon defines, which Coo's OAuth tokens carry. A broad scope covers its granular ones: <c>read</c>
/// every <c>read:*</c>, <c>write</c> every <c>write:*</c>, and the legacy <c>follow</c> the follows, blocks and mutes.
/// </summary>
public static class MastodonScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Follow = "follow";
    public const string Push = "push";

    public const string ReadAccounts = "read:accounts";
    public const string ReadBlocks = "read:blocks";
    public const string ReadBookmarks = "read:bookmarks";
    public const string ReadFavourites = "read:favourites";
    public const string ReadFilters = "read:filters";
    public const string ReadFollows = "read:follows";
    public const string ReadLists = "read:lists";
    public const string ReadMutes = "read:mutes";
    public const string ReadNotifications = "read:notifications";
    public const string ReadSearch = "read:search";
    public const string ReadStatuses = "read:statuses";

    public const string WriteAccounts = "write:accounts";
    public const string WriteBlocks = "write:blocks";
    public const string WriteBookmarks = "write:bookmarks";
    public const string WriteConversations = "write:conversations";
    public const string WriteFavourites = "write:favourites";
    public const string WriteFilters = "write:filters";
    public const string WriteFollows = "write:follows";
    public const string WriteLists = "write:lists";
    public const string WriteMedia = "write:media";
    public const string WriteMutes = "write:mutes";
    public const string WriteNotifications = "write:notifications";
    public const string WriteReports = "write:reports";
    public const string WriteStatuses = "write:statuses";

    /// <summary>Every scope an application may ask for.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Read, Write, Follow, Push,
        ReadAccounts, ReadBlocks, ReadBookmarks, ReadFavourites, ReadFilters, ReadFollows, ReadLists, ReadMutes,
        ReadNotifications, ReadSearch, ReadStatuses,
        WriteAccounts, WriteBlocks, WriteBookmarks, WriteConversations, WriteFavourites, WriteFilters, WriteFollows,
        WriteLists, WriteMedia, WriteMutes, WriteNotifications, WriteReports, WriteStatuses,
    ];

    private static readonly HashSet<string> CoveredByFollow =
        [ReadFollows, WriteFollows, ReadBlocks, WriteBlocks, ReadMutes, WriteMutes];

    /// <summary>Whether one of the <paramref name="granted"/> scopes covers <paramref name="required"/>.</summary>
    public static bool Covers(IEnumerable<string> granted, string required)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(required);
        return granted.Any(scope => Covers(scope, required));
    }

    private static bool Covers(string granted, string required) =>
        string.Equals(granted, required, StringComparison.Ordinal)
        || (granted is Read or Write && required.StartsWith(granted + ":", StringComparison.Ordinal))
        || (granted == Follow && CoveredByFollow.Contains(required));
}
