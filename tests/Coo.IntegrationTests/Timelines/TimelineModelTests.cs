using Coo.Modules.Timeline.Jobs;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Timelines;

/// <summary>
/// Model-based: a seeded random sequence of posts, replies, deletes, follows and unfollows goes through the API while
/// the outbox delivers concurrently; once it drains, every home timeline must equal what a plain in-memory model says.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineModelTests(ApiFixture fixture)
{
    private const int Operations = 600;

    [Theory, Providers]
    public async Task Random_posts_replies_deletes_follows_and_unfollows_leave_every_timeline_as_the_model_says(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var users = new List<TestUser>();
        foreach (var name in new[] { "m_ann", "m_ben", "m_cat", "m_dan", "m_eve", "m_fay" })
        {
            users.Add(await client.CreateUserAsync(name));
        }

        var model = new TimelineModel();
        var random = new Random(20261129);
        for (var step = 0; step < Operations; step++)
        {
            var user = users[random.Next(users.Count)];
            var other = users[random.Next(users.Count)];
            switch (random.Next(12))
            {
                case < 5:
                    var coo = await client.PostCooOkAsync(user, $"{user.Username} #{step}");
                    model.Post(user.Id, coo.Id, repliedTo: null);
                    break;
                case < 7 when model.AnyCooOf(other.Id, random) is { } parentId:
                    var reply = await ReplyVisibilityTests.ReplyOkAsync(client, user, $"{user.Username} to {other.Username} #{step}", parentId);
                    model.Post(user.Id, reply.Id, repliedTo: other.Id);
                    break;
                case < 8 when model.AnyCooOf(user.Id, random) is { } cooId:
                    using (var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{cooId}", user.Tokens.AccessToken))
                    {
                        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
                    }

                    model.Delete(cooId);
                    break;
                case < 10 when other != user:
                    await client.FollowOkAsync(user, other.Username);
                    model.Follow(user.Id, other.Id);
                    break;
                case < 12 when other != user:
                    await client.UnfollowOkAsync(user, other.Username);
                    model.Unfollow(user.Id, other.Id);
                    break;
            }
        }

        await OutboxDrain.WaitAsync(factory);
        await AssertTimelinesMatchAsync(client, users, model);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetServices<IRecurringJob>().OfType<TimelineTrimJob>().Single().RunAsync(CancellationToken.None);
        }

        await AssertTimelinesMatchAsync(client, users, model);
    }

    private static async Task AssertTimelinesMatchAsync(HttpClient client, List<TestUser> users, TimelineModel model)
    {
        foreach (var user in users)
        {
            var actual = (await client.WholeHomeTimelineAsync(user, limit: 13)).Select(c => c.Id).ToList();
            Assert.True(
                model.HomeOf(user.Id).SequenceEqual(actual),
                $"{user.Username}: expected [{string.Join(",", model.HomeOf(user.Id))}] but got [{string.Join(",", actual)}]");
        }
    }

    /// <summary>What a home timeline is, stated as simply as possible.</summary>
    private sealed class TimelineModel
    {
        private readonly List<(long Id, string Author, string? RepliedTo)> _coos = [];
        private readonly HashSet<(string Follower, string Followee)> _follows = [];

        public void Post(string author, string cooId, string? repliedTo) =>
            _coos.Add((long.Parse(cooId, System.Globalization.CultureInfo.InvariantCulture), author, repliedTo));

        public void Delete(string cooId) => _coos.RemoveAll(c => c.Id == long.Parse(cooId, System.Globalization.CultureInfo.InvariantCulture));

        public void Follow(string follower, string followee) => _follows.Add((follower, followee));

        public void Unfollow(string follower, string followee) => _follows.Remove((follower, followee));

        private bool Sees(string user, string author) => author == user || _follows.Contains((user, author));

        public string? AnyCooOf(string author, Random random)
        {
            var theirs = _coos.Where(c => c.Author == author).ToList();
            return theirs.Count == 0 ? null : theirs[random.Next(theirs.Count)].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Your own coos, and those of people you follow, but their replies only to you or people you follow.</summary>
        public IEnumerable<string> HomeOf(string user) => _coos
            .Where(c => c.Author == user || (Sees(user, c.Author) && (c.RepliedTo is null || Sees(user, c.RepliedTo))))
            .OrderByDescending(c => c.Id)
            .Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
