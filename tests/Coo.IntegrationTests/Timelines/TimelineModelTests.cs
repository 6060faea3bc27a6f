using Coo.Modules.Timeline.Jobs;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Timelines;

/// <summary>
/// Model-based: a seeded random sequence of posts, replies, reposts and their undoing, deletes, follows and unfollows
/// goes through the API while the outbox delivers concurrently; once it drains, every home timeline must equal what a plain in-memory model says.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineModelTests(ApiFixture fixture)
{
    private const int Operations = 600;

    [Theory, Providers]
    public async Task Random_posts_replies_reposts_deletes_follows_and_unfollows_leave_every_timeline_as_the_model_says(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var users = new List<TestUser>();
        foreach (var name in new[] { "m_ann", "m_ben", "m_cat", "m_dan", "m_eve", "m_fay" })
        {
            users.Add(await client.CreateUserAsync(name));
        }

        var model = new TimelineModel();
        var history = new List<string>();
        var random = new Random(20261129);
        for (var step = 0; step < Operations; step++)
        {
            var user = users[random.Next(users.Count)];
            var other = users[random.Next(users.Count)];
            switch (random.Next(15))
            {
                case < 5:
                    var coo = await client.PostCooOkAsync(user, $"{user.Username} #{step}");
                    model.Post(step, user.Id, coo.Id, repliedTo: null);
                    history.Add($"#{step} {user.Username} posts {coo.Id}");
                    break;
                case < 7 when model.AnyCooOf(other.Id, random) is { } parentId:
                    var reply = await ReplyVisibilityTests.ReplyOkAsync(client, user, $"{user.Username} to {other.Username} #{step}", parentId);
                    model.Post(step, user.Id, reply.Id, repliedTo: other.Id);
                    history.Add($"#{step} {user.Username} replies {reply.Id} to {other.Username}'s {parentId}");
                    break;
                case < 9 when model.AnyCoo(random) is { } reposted:
                    using (var repost = await client.SendAsAsync(HttpMethod.Put, $"/api/v1/coos/{reposted}/repost", user.Tokens.AccessToken))
                    {
                        Assert.Equal(HttpStatusCode.OK, repost.StatusCode);
                    }

                    model.Repost(step, user.Id, reposted);
                    history.Add($"#{step} {user.Username} reposts {reposted}");
                    break;
                case < 10 when model.AnyRepostOf(user.Id, random) is { } undone:
                    using (var unrepost = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{undone}/repost", user.Tokens.AccessToken))
                    {
                        Assert.Equal(HttpStatusCode.OK, unrepost.StatusCode);
                    }

                    model.Unrepost(user.Id, undone);
                    history.Add($"#{step} {user.Username} undoes the repost of {undone}");
                    break;
                case < 11 when model.AnyCooOf(user.Id, random) is { } cooId:
                    using (var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{cooId}", user.Tokens.AccessToken))
                    {
                        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
                    }

                    model.Delete(cooId);
                    history.Add($"#{step} {user.Username} deletes {cooId}");
                    break;
                case < 13 when other != user:
                    await client.FollowOkAsync(user, other.Username);
                    model.Follow(user.Id, other.Id);
                    history.Add($"#{step} {user.Username} follows {other.Username}");
                    break;
                case < 15 when other != user:
                    await client.UnfollowOkAsync(user, other.Username);
                    model.Unfollow(user.Id, other.Id);
                    history.Add($"#{step} {user.Username} unfollows {other.Username}");
                    break;
            }
        }

        await OutboxDrain.WaitAsync(factory);
        await AssertTimelinesMatchAsync(factory, client, users, model, history);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetServices<IRecurringJob>().OfType<TimelineTrimJob>().Single().RunAsync(CancellationToken.None);
        }

        await AssertTimelinesMatchAsync(factory, client, users, model, history);
    }

    private static async Task AssertTimelinesMatchAsync(CooApiFactory factory, HttpClient client, List<TestUser> users, TimelineModel model, List<string> history)
    {
        foreach (var user in users)
        {
            var expected = model.HomeOf(user.Id).ToList();
            var actual = (await client.WholeHomeTimelineAsync(user, limit: 13)).Select(c => c.Id).ToList();
            if (!expected.SequenceEqual(actual))
            {
                Assert.Fail($"{user.Username}: expected [{string.Join(",", expected)}] but got [{string.Join(",", actual)}]"
                    + await ExplainAsync(factory, user, users, expected, actual, history));
            }
        }
    }

    /// <summary>
    /// For a timeline that differs from the model: the steps that touched the coos it differs by or the user's follows,
    /// and what the database holds for them, so that a failure names the race instead of only the ids.
    /// </summary>
    private static async Task<string> ExplainAsync(CooApiFactory factory, TestUser user, List<TestUser> users, List<string> expected, List<string> actual, List<string> history)
    {
        var differing = expected.Except(actual).Union(actual.Except(expected))
            .DefaultIfEmpty(expected.Zip(actual).First(pair => pair.First != pair.Second).First)
            .ToList();
        var steps = history.Where(line => differing.Any(line.Contains) || line.Contains($"{user.Username} follows", StringComparison.Ordinal)
            || line.Contains($"{user.Username} unfollows", StringComparison.Ordinal));
        var entries = await DatabaseProbe.DescribeRowsAsync(factory, "timeline", "entries", $"owner_id = {user.Id} AND coo_id IN ({string.Join(",", differing)})");
        var edges = await DatabaseProbe.DescribeRowsAsync(factory, "timeline", "follow_edges", $"follower_id = {user.Id}");
        var deliveries = await DatabaseProbe.DescribeRowsAsync(
            factory,
            "timeline",
            "inbox_messages",
            $"content LIKE '%\"followerId\":{user.Id}%' OR {string.Join(" OR ", differing.Select(id => $"content LIKE '%{id}%'"))}",
            "consumer, content, enqueued_at, processed_at, attempts, substr(last_error, 1, 300) AS last_error",
            "processed_at");
        return $"""

            differing: {string.Join(", ", differing)}; users: {string.Join(", ", users.Select(u => $"{u.Username}={u.Id}"))}
            steps:
              {string.Join("\n  ", steps)}
            their entries on this timeline:
              {string.Join("\n  ", entries)}
            this user's follow edges:
              {string.Join("\n  ", edges)}
            Timeline's deliveries of this user's follows and unfollows and of those coos, in the order they were handled:
              {string.Join("\n  ", deliveries)}
            """;
    }

    /// <summary>
    /// What a home timeline is, stated as simply as possible. Coo and repost ids come from one time-ordered generator and
    /// the steps run one after another, so the step of a post or repost orders them as their ids do.
    /// </summary>
    private sealed class TimelineModel
    {
        private readonly List<(long Id, int Step, string Author, string? RepliedTo)> _coos = [];
        private readonly Dictionary<(string User, long CooId), int> _reposts = [];
        private readonly HashSet<(string Follower, string Followee)> _follows = [];

        public void Post(int step, string author, string cooId, string? repliedTo) => _coos.Add((Id(cooId), step, author, repliedTo));

        public void Delete(string cooId)
        {
            _coos.RemoveAll(c => c.Id == Id(cooId));
            foreach (var key in _reposts.Keys.Where(k => k.CooId == Id(cooId)).ToList())
            {
                _reposts.Remove(key);
            }
        }

        /// <summary>Reposting again what one reposted already changes nothing (the API is idempotent).</summary>
        public void Repost(int step, string user, string cooId) => _reposts.TryAdd((user, Id(cooId)), step);

        public void Unrepost(string user, string cooId) => _reposts.Remove((user, Id(cooId)));

        public void Follow(string follower, string followee) => _follows.Add((follower, followee));

        public void Unfollow(string follower, string followee) => _follows.Remove((follower, followee));

        public string? AnyCoo(Random random) => _coos.Count == 0 ? null : Text(_coos[random.Next(_coos.Count)].Id);

        public string? AnyCooOf(string author, Random random)
        {
            var theirs = _coos.Where(c => c.Author == author).ToList();
            return theirs.Count == 0 ? null : Text(theirs[random.Next(theirs.Count)].Id);
        }

        public string? AnyRepostOf(string user, Random random)
        {
            var theirs = _reposts.Keys.Where(k => k.User == user).ToList();
            return theirs.Count == 0 ? null : Text(theirs[random.Next(theirs.Count)].CooId);
        }

        /// <summary>
        /// Your own coos, and those of people you follow, but their replies only to you or people you follow; any other
        /// coo that you or someone you follow reposted, once, at its newest such repost.
        /// </summary>
        public IEnumerable<string> HomeOf(string user) => _coos
            .Select(c => c.Author == user || (Sees(user, c.Author) && (c.RepliedTo is null || Sees(user, c.RepliedTo)))
                ? (int?)c.Step
                : _reposts.Where(r => r.Key.CooId == c.Id && Sees(user, r.Key.User)).Max(r => (int?)r.Value))
            .Zip(_coos, (place, c) => (Place: place, c.Id))
            .Where(c => c.Place is not null)
            .OrderByDescending(c => c.Place)
            .Select(c => Text(c.Id));

        private bool Sees(string user, string author) => author == user || _follows.Contains((user, author));

        private static long Id(string id) => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);

        private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
