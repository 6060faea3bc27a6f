using Mediator;

namespace Coo.Modules.Notifications.Contracts;

/// <summary>What happened to the recipient. Stored as its number: never renumber.</summary>
public enum NotificationKind
{
    Follow = 1,
    Like = 2,
    Repost = 3,
    Reply = 4,
    Mention = 5,
}

/// <summary>
/// <paramref name="RecipientId"/>'s notifications one by one (not grouped as Coo's own list shows them), only of
/// <paramref name="Kinds"/> when any, undone ones left out: older than <paramref name="BeforeId"/> and newer than
/// <paramref name="AfterId"/> when given. Newest first; with <paramref name="NearestAfter"/>, the
/// <paramref name="Limit"/> right after <paramref name="AfterId"/> rather than the newest ones (still newest first).
/// </summary>
public sealed record GetNotifications(
    long RecipientId, IReadOnlyCollection<NotificationKind> Kinds, long? BeforeId, long? AfterId, int Limit, bool NearestAfter = false)
    : IQuery<IReadOnlyList<NotificationEntry>>;

/// <summary>One notification: <see cref="Id"/> is the like's, repost's or follow's id, or the reply's or mention's coo id.</summary>
public sealed record NotificationEntry(long Id, NotificationKind Kind, long ActorId, long? CooId, DateTimeOffset OccurredAt);
