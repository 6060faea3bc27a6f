using System.Globalization;
using Coo.Shared.Kernel;

namespace Coo.Bench;

/// <summary>
/// One user's notifications as the Notifications module would have stored them, for <see cref="NotificationReadsScenario"/>:
/// each event a <c>sources</c> row, and the <c>groups</c> rows its grouping rules make of them (one per kind and coo, per
/// kind for follows, gathering for 24 hours from the first event; named by it, placed by the newest). The recipient is
/// the seeded user with coos whose follower count is nearest <see cref="FollowShare"/> of the notifications: their real
/// follows notify them, likes and reposts of their coos by random users make up the rest, spread evenly over the time
/// since each coo was posted. Nothing is marked read. Only the Notifications module's tables are written: the likes and
/// reposts have no rows in the Reactions module, so the coos' counts do not show them (a read costs the same).
/// </summary>
internal sealed class NotificationSeed
{
    /// <summary>The share of the notifications that are follows, roughly: it picks the recipient.</summary>
    private const double FollowShare = 0.3;

    /// <summary>The share of the likes and reposts that are likes.</summary>
    private const double LikeShare = 0.8;

    private const int Follow = 1;
    private const int Like = 2;
    private const int Repost = 3;

    /// <summary>The seeder mints like and repost ids with a generator id no host and no other seeded id uses.</summary>
    private const int GeneratorId = DataGenerator.GeneratorId - 1;

    private static readonly TimeSpan GroupWindow = TimeSpan.FromHours(24);
    private const int NamedActors = 3;

    private readonly List<Event> _events;

    private NotificationSeed(int recipient, long recipientId, List<Event> events)
    {
        Recipient = recipient;
        RecipientId = recipientId;
        _events = events;
        Groups = [.. events.GroupBy(e => e.GroupId).Select(g => MakeGroup([.. g.OrderByDescending(e => e.SourceId)]))];
    }

    /// <summary>The user (by index) who has the notifications.</summary>
    public int Recipient { get; }

    public long RecipientId { get; }

    public int Notifications => _events.Count;

    public int Follows => _events.Count(e => e.Kind == Follow);

    public int Likes => _events.Count(e => e.Kind == Like);

    public int Reposts => _events.Count(e => e.Kind == Repost);

    /// <summary>Rows of <c>notifications.groups</c>, in the columns of <see cref="GroupsTable"/>.</summary>
    public IReadOnlyList<object?[]> Groups { get; }

    public static SeedTable GroupsTable { get; } = new("notifications", "groups",
        "id", "recipient_id", "kind", "coo_id", "opened_at", "latest_id", "latest_at", "actors_count", "recent_actor_ids", "version");

    public static SeedTable SourcesTable { get; } = new("notifications", "sources",
        "kind", "source_id", "recipient_id", "actor_id", "coo_id", "occurred_at", "group_id", "undone");

    public static NotificationSeed Generate(SeedData data, int notifications, int seed)
    {
        var random = new Random(seed);
        var (followerCounts, _) = data.FollowCounts();
        var coosPerAuthor = data.CoosPerAuthor();
        var target = notifications * FollowShare;
        var recipient = Enumerable.Range(0, data.UserCount).Where(u => coosPerAuthor[u] > 0)
            .MinBy(u => Math.Abs(followerCounts[u] - target));
        var recipientId = data.UserId(recipient);

        var events = data.Follows().Where(f => f.Followee == recipient).Take(notifications)
            .Select(f => new Event(Follow, f.Id, data.UserId(f.Follower), null, SeedData.CreatedAt(f.Id)))
            .ToList();

        // Likes and reposts at random times after their coo was posted, each by someone who had not done it to that coo yet.
        var coos = data.Coos().Where(c => c.Author == recipient).Select(c => c.Id).ToArray();
        var end = SeedData.CreatedAt(data.Coos().Max(c => c.Id));
        var reactions = notifications - events.Count;
        if ((long)(data.UserCount - 1) * coos.Length < reactions)
        {
            throw new ArgumentException($"{reactions} likes and reposts do not fit {coos.Length} coos and {data.UserCount} users.");
        }

        var done = new HashSet<(int Kind, long CooId, int Actor)>();
        var drawn = new List<(int Kind, long CooId, int Actor, DateTimeOffset At)>();
        while (drawn.Count < reactions)
        {
            var kind = drawn.Count < reactions * LikeShare ? Like : Repost;
            var coo = coos[random.Next(coos.Length)];
            var actor = random.Next(data.UserCount);
            if (actor != recipient && done.Add((kind, coo, actor)))
            {
                var posted = SeedData.CreatedAt(coo);
                drawn.Add((kind, coo, actor, posted + ((end - posted) * random.NextDouble())));
            }
        }

        var clock = new DataGenerator.SeedClock(DateTimeOffset.MinValue);
        var ids = new SnowflakeIdGenerator(GeneratorId, clock);
        foreach (var (kind, coo, actor, at) in drawn.OrderBy(d => d.At))
        {
            clock.Now = at;
            var id = ids.NextId();
            events.Add(new Event(kind, id, data.UserId(actor), coo, SeedData.CreatedAt(id)));
        }

        AssignGroups(events);
        return new NotificationSeed(recipient, recipientId, events);
    }

    /// <summary>Rows of <c>notifications.sources</c>, in the columns of <see cref="SourcesTable"/>.</summary>
    public IEnumerable<object?[]> Sources() =>
        _events.Select(e => new object?[] { e.Kind, e.SourceId, RecipientId, e.ActorId, e.CooId, e.OccurredAt, e.GroupId, false });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Notifications:N0} notifications ({Follows:N0} follows, {Likes:N0} likes, {Reposts:N0} reposts) in {Groups.Count:N0} groups, none read");

    /// <summary>As NotificationStore.AddAsync would in event order: the group of the same kind and coo opened within the window, else a new one.</summary>
    private static void AssignGroups(List<Event> events)
    {
        var open = new Dictionary<(int Kind, long? CooId), Event>();
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.SourceId))
        {
            if (!open.TryGetValue((e.Kind, e.CooId), out var opener) || e.OccurredAt - opener.OccurredAt >= GroupWindow)
            {
                open[(e.Kind, e.CooId)] = opener = e;
            }

            e.GroupId = opener.SourceId;
        }
    }

    /// <param name="newestFirst">The group's events, newest (highest id) first.</param>
    private object?[] MakeGroup(List<Event> newestFirst)
    {
        var (newest, opener) = (newestFirst[0], newestFirst.Single(e => e.SourceId == e.GroupId));

        // As NotificationGroup.Recount names them: the distinct actors among the newest few events, newest first.
        var named = string.Join(',', newestFirst.Take(NamedActors * 2).Select(e => e.ActorId).Distinct().Take(NamedActors));

        // Every event counted in was one recount, one version.
        return [opener.SourceId, RecipientId, opener.Kind, opener.CooId, opener.OccurredAt, newest.SourceId, newest.OccurredAt, newestFirst.Count, named, newestFirst.Count];
    }

    private sealed class Event(int kind, long sourceId, long actorId, long? cooId, DateTimeOffset occurredAt)
    {
        public int Kind { get; } = kind;

        public long SourceId { get; } = sourceId;

        public long ActorId { get; } = actorId;

        public long? CooId { get; } = cooId;

        public DateTimeOffset OccurredAt { get; } = occurredAt;

        public long GroupId { get; set; }
    }
}
