using Mediator;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// Coos the way clients show them to <paramref name="ViewerId"/> (null: to anyone), with their authors and reactions, in
/// the order of <paramref name="CooIds"/>: how a page of coo ids (a home timeline) becomes a page of coos. Deleted or
/// unknown coos, and coos whose author is gone, are left out.
/// </summary>
public sealed record GetCooResponses(IReadOnlyList<long> CooIds, long? ViewerId) : IQuery<IReadOnlyList<CooResponse>>;

/// <summary>Which of <paramref name="CooIds"/> name a coo, and their authors; deleted or unknown ids are left out.</summary>
public sealed record GetCooRefs(IReadOnlyCollection<long> CooIds) : IQuery<IReadOnlyList<CooRef>>;

/// <summary>How many coos each author has; authors with none are left out.</summary>
public sealed record GetCooCounts(IReadOnlyCollection<long> AuthorIds) : IQuery<IReadOnlyDictionary<long, int>>;

/// <summary>
/// The newest coos of any of <paramref name="AuthorIds"/>, strictly older than <paramref name="BeforeId"/> when given,
/// and only the replies <paramref name="RepliesSeenBy"/>'s reader sees when it is given: how timelines fill in what
/// they do not store.
/// </summary>
public sealed record GetCooRefsByAuthors(IReadOnlyCollection<long> AuthorIds, long? BeforeId, int Limit, HomeReader? RepliesSeenBy = null)
    : IQuery<IReadOnlyList<CooRef>>;

/// <summary>
/// Whose home timeline a reply is read for: it shows there when the reader wrote it, or it answers the reader or someone
/// in <paramref name="FollowedIds"/> (a reply shows on a home timeline only to those who follow both people).
/// </summary>
public sealed record HomeReader(long ReaderId, IReadOnlyCollection<long> FollowedIds);

/// <summary>
/// The newest replies by any of <paramref name="AuthorIds"/> to coos of <paramref name="RepliedToAuthorId"/>: what
/// following someone adds to a home timeline besides their own coos.
/// </summary>
public sealed record GetRepliesToAuthor(long RepliedToAuthorId, IReadOnlyCollection<long> AuthorIds, int Limit) : IQuery<IReadOnlyList<CooRef>>;

/// <summary>
/// The coo <paramref name="AuthorId"/> pinned to their profile, as <paramref name="ViewerId"/> sees it; null when none is
/// pinned.
/// </summary>
public sealed record GetPinnedCoo(long AuthorId, long? ViewerId) : IQuery<CooResponse?>;

/// <summary>A coo by its id, its author and, for a reply, the author of the coo it answers.</summary>
public sealed record CooRef(long Id, long AuthorId, long? InReplyToAuthorId);

/// <summary>
/// An author's coos as <paramref name="ViewerId"/> sees them, newest first: older than <paramref name="BeforeId"/> and
/// newer than <paramref name="AfterId"/> when given; with <paramref name="NearestAfter"/>, the <paramref name="Limit"/>
/// right after <paramref name="AfterId"/> rather than the newest ones (still newest first); with
/// <paramref name="ExcludeReplies"/>, without the replies to other people (the author's own threads stay).
/// </summary>
public sealed record GetAuthorCoos(long AuthorId, long? ViewerId, long? BeforeId, long? AfterId, int Limit, bool NearestAfter = false, bool ExcludeReplies = false)
    : IQuery<IReadOnlyList<CooResponse>>;

/// <summary>
/// The conversation around a coo as <paramref name="ViewerId"/> sees it: the coos it answers from the first down, and
/// the replies below it in conversation order (a reply's own replies right under it). Null when there is no such coo.
/// </summary>
public sealed record GetCooContext(long CooId, long? ViewerId) : IQuery<CooContext?>
{
    /// <summary>At most this many of each, the nearest ones, as Mastodon answers anonymous callers.</summary>
    public const int MaxAncestors = 40;

    public const int MaxDescendants = 60;
}

public sealed record CooContext(IReadOnlyList<CooResponse> Ancestors, IReadOnlyList<CooResponse> Descendants);
