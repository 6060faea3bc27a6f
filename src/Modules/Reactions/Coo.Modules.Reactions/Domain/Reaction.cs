using Coo.Modules.Reactions.Contracts;
namespace Coo.Modules.Reactions.Domain;

/// <summary>One user's like or repost of one coo; a user has at most one of each kind per coo.</summary>
internal sealed class Reaction
{
    private Reaction()
    {
    }

    /// <summary>Time-ordered: the newest reactions have the highest ids, which also serve as page cursors.</summary>
    public long Id { get; private set; }

    public long CooId { get; private set; }

    public ReactionKind Kind { get; private set; }

    public long UserId { get; private set; }

    /// <summary>Kept with the reaction so that its events say whose coo it was without asking Coos again.</summary>
    public long CooAuthorId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Reaction Create(long id, long cooId, ReactionKind kind, long userId, long cooAuthorId, DateTimeOffset now) =>
        new() { Id = id, CooId = cooId, Kind = kind, UserId = userId, CooAuthorId = cooAuthorId, CreatedAt = now };
}

/// <summary>
/// One share of a coo's reaction and reply counts. A coo's counts are the sum of its shares, and each user's reactions
/// and replies always land on the same share (<see cref="ShareOf"/>): concurrent likes of a popular coo update
/// different rows instead of queueing on one, and an undo or a deleted reply takes back exactly what it added, so no
/// share goes below zero.
/// </summary>
internal sealed class ReactionCountShare
{
    private const int ShareBits = 3;

    private ReactionCountShare()
    {
    }

    public long CooId { get; private set; }

    public int Share { get; private set; }

    public int LikesCount { get; private set; }

    public int RepostsCount { get; private set; }

    public int RepliesCount { get; private set; }

    /// <summary>A multiplicative hash of the user id: snowflake ids end in sequence bits that are mostly zero.</summary>
    public static int ShareOf(long userId) => (int)(unchecked((ulong)userId * 0x9E3779B97F4A7C15UL) >> (64 - ShareBits));
}

/// <summary>
/// A reply counted toward its parent's <see cref="ReactionCountShare.RepliesCount"/>, or known to be deleted. Its key
/// decides whether an event counts: a posted reply counts only when its row is new, a deleted one is taken back only
/// when its row turns from counted to deleted, so events delivered twice or in either order count once.
/// </summary>
internal sealed class Reply
{
    private Reply()
    {
    }

    public long ParentCooId { get; private set; }

    public long ReplyId { get; private set; }

    public bool Deleted { get; private set; }
}
