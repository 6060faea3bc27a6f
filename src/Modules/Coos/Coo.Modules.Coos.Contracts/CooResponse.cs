namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// A coo the way clients render it, with its author, the entities of its text and its reactions (<see cref="LikedByYou"/>
/// and <see cref="RepostedByYou"/> are false for an anonymous caller): what the Coos endpoints and every page of coos
/// answer. <see cref="InReplyTo"/> names the coo a reply answers (null for a coo that answers none).
/// <see cref="Media"/> are its images, in the author's order (none: an empty list).
/// <see cref="RepostedBy"/> is set only on a home timeline, where the coo is shown because that person reposted it, and
/// <see cref="RepostId"/> then is that repost: the coo's place in the timeline, newer than the coo itself.
/// </summary>
public sealed record CooResponse(
    long Id,
    string Text,
    DateTimeOffset CreatedAt,
    AuthorResponse Author,
    CooEntities Entities,
    int LikesCount,
    int RepostsCount,
    bool LikedByYou,
    bool RepostedByYou,
    InReplyToResponse? InReplyTo,
    int RepliesCount,
    IReadOnlyList<CooMediaResponse> Media,
    AuthorResponse? RepostedBy = null,
    long? RepostId = null);

/// <summary>
/// An image on a coo: <see cref="Url"/> is the image at most 2048 pixels on its longest side, <see cref="PreviewUrl"/>
/// at most 640 wide for timelines, each with its size so that clients reserve the space before it loads;
/// <see cref="Description"/> is its alt text. Both URLs are relative to the server and never change what they serve.
/// <see cref="Type"/> is <c>image</c>, the one kind there is, so that clients that know other kinds tell them apart.
/// </summary>
public sealed record CooMediaResponse(
    long Id, string Url, string PreviewUrl, int Width, int Height, int PreviewWidth, int PreviewHeight, string Description, string Type = "image");

/// <summary>Who wrote (or reposted) a coo, with their avatar: 400 pixels square and 96, relative to the server.</summary>
public sealed record AuthorResponse(long Id, string Username, string DisplayName, string AvatarUrl, string AvatarSmallUrl);

/// <summary>The coo a reply answers, and its author; it may have been deleted since (the reply still names it).</summary>
public sealed record InReplyToResponse(long Id, AuthorResponse Author);

/// <summary>
/// The mentions, hashtags and links in a coo's text, with their places in it: <c>Start</c> and <c>End</c> (exclusive)
/// count UTF-16 code units, as JavaScript's string indexes do, so clients link the text without parsing it.
/// </summary>
public sealed record CooEntities(IReadOnlyList<MentionEntity> Mentions, IReadOnlyList<HashtagEntity> Hashtags, IReadOnlyList<UrlEntity> Urls)
{
    public static readonly CooEntities None = new([], [], []);
}

/// <summary>A mention of an existing user; <see cref="Username"/> is spelled as the user spells it.</summary>
public sealed record MentionEntity(int Start, int End, long UserId, string Username);

/// <summary><see cref="Tag"/> is normalised (<see cref="Hashtag.Normalize"/>) and has no <c>#</c>.</summary>
public sealed record HashtagEntity(int Start, int End, string Tag);

public sealed record UrlEntity(int Start, int End, string Url);

/// <summary>How long a coo may be, for clients that are told it by other APIs than Coo's own <c>/coos/limits</c>.</summary>
public sealed class CooLimits
{
    /// <summary>User-perceived characters (grapheme clusters), each link counted as <see cref="CharactersPerUrl"/>.</summary>
    public const int MaxLength = 280;

    /// <summary>What a link counts towards <see cref="MaxLength"/> whatever its length, as on Mastodon and Twitter.</summary>
    public const int CharactersPerUrl = 23;

    private CooLimits()
    {
    }
}
