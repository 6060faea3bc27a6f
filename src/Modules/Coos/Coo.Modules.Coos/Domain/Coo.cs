using Coo.Modules.Coos.Contracts;

namespace Coo.Modules.Coos.Domain;

/// <summary>A short message. Its id is time-ordered, so ordering by id is ordering by posting time.</summary>
internal sealed class Coo
{
    /// <summary>User-perceived characters (grapheme clusters), as <see cref="CooLength"/> counts them.</summary>
    public const int MaxLength = CooLimits.MaxLength;

    /// <summary>
    /// UTF-16 units: one "character" stacked with thousands of combining marks is refused too. Room for a full coo with
    /// long links, which count <see cref="CooLimits.CharactersPerUrl"/> each whatever their length (the largest
    /// <c>nvarchar</c> that is not <c>max</c> on SQL Server).
    /// </summary>
    public const int MaxCodeUnits = 4000;

    private Coo()
    {
    }

    public long Id { get; private set; }

    public long AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Found when the coo was posted (<see cref="TextEntities"/>); null for coos posted before they were kept.</summary>
    public CooEntities? Entities { get; private set; }

    /// <summary>Its images as they were when it was posted (Media's files never change); null for coos posted before images.</summary>
    public IReadOnlyList<CooMediaResponse>? Media { get; private set; }

    /// <summary>The coo this one answers; it may have been deleted since.</summary>
    public long? InReplyToId { get; private set; }

    /// <summary>The author of <see cref="InReplyToId"/>, kept so that who may see a reply never needs the parent.</summary>
    public long? InReplyToAuthorId { get; private set; }

    /// <summary>The first coo of the conversation: the coo itself when it answers none.</summary>
    public long ConversationId { get; private set; }

    public static Coo Post(long id, long authorId, string text, CooEntities entities, IReadOnlyList<CooMediaResponse> media, DateTimeOffset now) =>
        new() { Id = id, AuthorId = authorId, Text = text, Entities = entities, Media = media, CreatedAt = now, ConversationId = id };

    public static Coo Reply(
        long id, long authorId, string text, CooEntities entities, IReadOnlyList<CooMediaResponse> media, ReplyTarget parent, DateTimeOffset now) =>
        new()
        {
            Id = id,
            AuthorId = authorId,
            Text = text,
            Entities = entities,
            Media = media,
            CreatedAt = now,
            InReplyToId = parent.Id,
            InReplyToAuthorId = parent.AuthorId,
            ConversationId = parent.ConversationId,
        };
}

/// <summary>What a reply keeps of the coo it answers.</summary>
internal sealed record ReplyTarget(long Id, long AuthorId, long ConversationId);

/// <summary>Remembers what an author's <c>Idempotency-Key</c> produced, so a retried POST returns the same coo.</summary>
internal sealed class IdempotencyRecord
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private IdempotencyRecord()
    {
    }

    public long AuthorId { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>A hash of the request body, to tell a retry from a different request reusing the key.</summary>
    public string RequestHash { get; private set; } = "";

    public long CooId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static IdempotencyRecord For(long authorId, string key, string requestHash, long cooId, DateTimeOffset now) =>
        new() { AuthorId = authorId, Key = key, RequestHash = requestHash, CooId = cooId, CreatedAt = now };

    public bool IsExpired(DateTimeOffset now) => CreatedAt + Lifetime <= now;
}

/// <summary>How many coos an author has, kept with every post and delete so that profiles never count rows.</summary>
internal sealed class AuthorStats(long authorId)
{
    public long AuthorId { get; private set; } = authorId;

    public int CoosCount { get; private set; }
}

/// <summary>The one coo an author shows first on their profile; pinning another replaces it.</summary>
internal sealed class Pin
{
    private Pin()
    {
    }

    /// <summary>The author, and the key: one pin per author.</summary>
    public long AuthorId { get; private set; }

    public long CooId { get; private set; }

    public DateTimeOffset PinnedAt { get; private set; }

    public static Pin Of(long authorId, long cooId, DateTimeOffset now) => new() { AuthorId = authorId, CooId = cooId, PinnedAt = now };

    public void Replace(long cooId, DateTimeOffset now)
    {
        CooId = cooId;
        PinnedAt = now;
    }
}

/// <summary>
/// Where a deleted coo stood in its conversation, so that a thread through it keeps its shape and shows a placeholder
/// instead of falling apart. Kept only for coos that were part of a conversation (a reply, or a coo with replies).
/// </summary>
internal sealed class ConversationTombstone
{
    private ConversationTombstone()
    {
    }

    public long CooId { get; private set; }

    public long? InReplyToId { get; private set; }

    public long ConversationId { get; private set; }

    public DateTimeOffset DeletedAt { get; private set; }

    public static ConversationTombstone Of(Coo coo, DateTimeOffset now) =>
        new() { CooId = coo.Id, InReplyToId = coo.InReplyToId, ConversationId = coo.ConversationId, DeletedAt = now };
}
