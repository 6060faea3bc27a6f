using Coo.Modules.Notifications.Contracts;

namespace Coo.Modules.Notifications.Domain;

/// <summary>The API spells a <see cref="NotificationKind"/> in lower case.</summary>
internal static class NotificationKinds
{
    public static string Name(NotificationKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>One kind by its name: not a number, nor a comma-separated list (which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would combine into another kind).</summary>
    public static bool TryParse(string name, out NotificationKind kind)
    {
        foreach (var candidate in Enum.GetValues<NotificationKind>())
        {
            if (Name(candidate).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>
/// What the recipient reads as one notification: everyone who did the same to the same coo (or, for follows, to them)
/// while the group was open, "Ada and 3 others liked your coo". A burst of likes updates one group row; reading a page
/// reads only groups. A reply or a mention is a coo of its own, so each is a group of one.
/// </summary>
internal sealed class NotificationGroup(long id, long recipientId, NotificationKind kind, long? cooId, DateTimeOffset openedAt)
{
    /// <summary>Events join a group for this long after it opened; later ones open a new group.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>How many of the latest actors a group names (the rest are "and N others").</summary>
    public const int NamedActors = 3;

    public long Id { get; private set; } = id;

    public long RecipientId { get; private set; } = recipientId;

    public NotificationKind Kind { get; private set; } = kind;

    public long? CooId { get; private set; } = cooId;

    public DateTimeOffset OpenedAt { get; private set; } = openedAt;

    /// <summary>The id of the group's newest event (time-ordered): the group's place in the list, and what reading marks.</summary>
    public long LatestId { get; private set; }

    public DateTimeOffset LatestAt { get; private set; }

    public int ActorsCount { get; private set; }

    /// <summary>The newest actors' ids, newest first, comma-separated (at most <see cref="NamedActors"/>).</summary>
    public string RecentActorIds { get; private set; } = "";

    /// <summary>Changes with every update, so that two consumers changing one group at once cannot lose either change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<long> RecentActors =>
        RecentActorIds.Length == 0 ? [] : [.. RecentActorIds.Split(',').Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// Counts an event in (<paramref name="change"/> +1) or out (−1) and names the newest of the remaining ones
    /// (<paramref name="newest"/>, newest first); false when none remain and the group goes.
    /// </summary>
    public bool Recount(int change, IReadOnlyList<NotificationSource> newest)
    {
        ActorsCount += change;
        Version++;
        if (ActorsCount <= 0 || newest.Count == 0)
        {
            return false;
        }

        LatestId = newest[0].SourceId;
        LatestAt = newest[0].OccurredAt;
        RecentActorIds = string.Join(',', newest.Select(s => s.ActorId).Distinct().Take(NamedActors));
        return true;
    }
}

/// <summary>
/// One event that notified someone: a like, repost or follow by its own id, a reply or mention by the coo's id. It is
/// kept when undone (<see cref="Undone"/>), so that a late or redelivered event of something already undone is not
/// applied; and it is written before its group changes, so two deliveries of one event count once.
/// </summary>
internal sealed class NotificationSource(NotificationKind kind, long sourceId, long recipientId, long actorId, long? cooId, DateTimeOffset occurredAt)
{
    public NotificationKind Kind { get; private set; } = kind;

    public long SourceId { get; private set; } = sourceId;

    public long RecipientId { get; private set; } = recipientId;

    public long ActorId { get; private set; } = actorId;

    public long? CooId { get; private set; } = cooId;

    public DateTimeOffset OccurredAt { get; private set; } = occurredAt;

    public long? GroupId { get; private set; }

    public bool Undone { get; private set; }

    public void JoinedGroup(long groupId) => GroupId = groupId;

    public void Undo() => Undone = true;
}

/// <summary>Up to which notification (<see cref="NotificationGroup.LatestId"/>) a user has read.</summary>
internal sealed class NotificationMarker(long userId, long lastReadId)
{
    public long UserId { get; private set; } = userId;

    public long LastReadId { get; private set; } = lastReadId;
}

/// <summary>A deleted coo: notifications about it that arrive late are not made.</summary>
internal sealed class DeletedCoo(long cooId, DateTimeOffset deletedAt)
{
    public long CooId { get; private set; } = cooId;

    public DateTimeOffset DeletedAt { get; private set; } = deletedAt;
}
