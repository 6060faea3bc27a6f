using System.Globalization;
using Coo.IntegrationTests.Messaging;
using Coo.Modules.Timeline.Jobs;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Timelines;

[Collection(ApiCollection.Name)]
public sealed class HomeTimelineTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task An_author_sees_their_new_coo_on_the_very_next_read(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var erin = await client.CreateUserAsync("erin");

        var coo = await client.PostCooOkAsync(erin, "hello, world");
        var page = await client.HomePageAsync(erin);

        var item = Assert.Single(page.Items);
        Assert.Equal((coo.Id, "hello, world", "erin"), (item.Id, item.Text, item.Author.Username));
        Assert.Null(page.NextCursor);
    }

    [Theory, Providers]
    public async Task Followers_receive_new_coos_and_lose_deleted_ones(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("author");
        var fan = await client.CreateUserAsync("fan");
        var bystander = await client.CreateUserAsync("bystander");
        await client.FollowOkAsync(fan, "author");

        await client.PostCooOkAsync(author, "first");
        var second = await client.PostCooOkAsync(author, "second");
        await client.PostCooOkAsync(fan, "my own");
        await client.HomeTimelineBecomesAsync(fan, "my own", "second", "first");

        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{second.Id}", author.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await client.HomeTimelineBecomesAsync(fan, "my own", "first");
        await client.HomeTimelineBecomesAsync(author, "first");
        Assert.Empty(await client.WholeHomeTimelineAsync(bystander));

        // Reads already hide a coo Coos no longer has: the entries themselves must go too.
        await Eventually.MatchAsync(
            () => DatabaseProbe.DescribeRowsAsync(factory, "timeline", "entries", $"coo_id = {second.Id}"),
            rows => rows.Count == 0,
            what: "no timeline entry left for the deleted coo");
    }

    [Theory, Providers]
    public async Task An_author_with_more_followers_than_one_fan_out_batch_reaches_all_of_them(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var celebrity = await client.CreateUserAsync("celebrity");
        var fans = new List<TestUser>();
        for (var i = 0; i < (CooApiFactory.FanOutBatchSize * 2) + 1; i++)
        {
            var fan = await client.CreateUserAsync($"fan_{i}");
            await client.FollowOkAsync(fan, "celebrity");
            fans.Add(fan);
        }

        await OutboxDrain.WaitAsync(factory);
        await client.PostCooOkAsync(celebrity, "to all my fans");
        await OutboxDrain.WaitAsync(factory);

        foreach (var fan in fans)
        {
            Assert.Equal(["to all my fans"], (await client.WholeHomeTimelineAsync(fan)).Select(c => c.Text));
        }
    }

    [Theory, Providers]
    public async Task Coos_claimed_together_are_fanned_out_together_each_to_exactly_its_authors_followers(TestProvider provider)
    {
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(provider);
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var users = new Dictionary<string, TestUser>();
        foreach (var name in new[] { "ada", "bea", "cyd", "dan", "eve" })
        {
            users[name] = await client.CreateUserAsync(name);
        }

        // eve has more followers than one fan-out batch: her coo takes the batched path beside the others.
        foreach (var (follower, followee) in new[] { ("bea", "ada"), ("cyd", "ada"), ("cyd", "bea"), ("ada", "eve"), ("bea", "eve"), ("cyd", "eve") })
        {
            await client.FollowOkAsync(users[follower], followee);
        }

        var coos = new Dictionary<string, long>();
        foreach (var author in new[] { "ada", "bea", "dan", "eve" })
        {
            coos[author] = long.Parse((await client.PostCooOkAsync(users[author], $"from {author}")).Id, CultureInfo.InvariantCulture);
        }

        await OutboxDrain.WaitAsync(factory);
        var ids = string.Join(", ", coos.Values);
        await OutboxTests.ExecuteAsync(factory, $"DELETE FROM {OutboxTests.Table(factory, "timeline", "entries")} WHERE coo_id IN ({ids})");
        await OutboxTests.ExecuteAsync(factory, $"UPDATE {OutboxTests.Table(factory, "timeline", "inbox_messages")} SET processed_at = NULL, attempts = 0 WHERE consumer = '{CooPostedConsumer}'");

        Assert.Equal(4, await factory.WorkQueueOnceAsync(CooPostedConsumer));
        await OutboxDrain.WaitAsync(factory); // eve's follower batches run as jobs on PostgreSQL.

        long Id(string name) => long.Parse(users[name].Id, CultureInfo.InvariantCulture);
        var expected = new[] { ("ada", "ada"), ("bea", "ada"), ("cyd", "ada"), ("bea", "bea"), ("cyd", "bea"), ("dan", "dan"), ("eve", "eve"), ("ada", "eve"), ("bea", "eve"), ("cyd", "eve") }
            .Select(e => (Id(e.Item1), coos[e.Item2])).Order().ToList();
        Assert.Equal(expected, (await EntriesAsync(factory, ids)).Order().ToList());
    }

    [Theory, Providers]
    public async Task Following_merges_the_followees_recent_coos_and_unfollowing_takes_them_out(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var writer = await client.CreateUserAsync("writer");
        var reader = await client.CreateUserAsync("reader");
        await client.PostCooOkAsync(writer, "before the follow");
        await client.PostCooOkAsync(reader, "reader's");

        await client.FollowOkAsync(reader, "writer");
        await client.HomeTimelineBecomesAsync(reader, "reader's", "before the follow");

        await client.UnfollowOkAsync(reader, "writer");
        await client.PostCooOkAsync(writer, "after the unfollow");
        await client.HomeTimelineBecomesAsync(writer, "after the unfollow", "before the follow");
        await client.HomeTimelineBecomesAsync(reader, "reader's");
    }

    [Theory, Providers]
    public async Task Pages_are_stable_while_new_coos_arrive_and_carry_an_absolute_next_link(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var paula = await client.CreateUserAsync("paula");
        for (var i = 1; i <= 5; i++)
        {
            await client.PostCooOkAsync(paula, $"coo {i}");
        }

        using var first = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline?limit=2", paula.Tokens.AccessToken);
        var page1 = (await first.Content.ReadFromJsonAsync<CooPage>())!;
        await client.PostCooOkAsync(paula, "posted while paging");
        var link = first.Headers.GetValues("Link").Single();
        using var second = await client.SendAsAsync(HttpMethod.Get, link[1..link.IndexOf('>', StringComparison.Ordinal)], paula.Tokens.AccessToken);
        var page2 = (await second.Content.ReadFromJsonAsync<CooPage>())!;
        var page3 = await client.HomePageAsync(paula, limit: 2, cursor: page2.NextCursor);

        Assert.StartsWith("<http://localhost/api/v1/users/me/timeline?limit=2&cursor=", link, StringComparison.Ordinal);
        Assert.Equal(["coo 5", "coo 4"], page1.Items.Select(c => c.Text));
        Assert.Equal(["coo 3", "coo 2"], page2.Items.Select(c => c.Text));
        Assert.Equal(["coo 1"], page3.Items.Select(c => c.Text));
        Assert.Null(page3.NextCursor);
    }

    [Theory, Providers]
    public async Task Bad_paging_input_is_a_validation_problem_and_anonymous_callers_are_refused(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var quinn = await client.CreateUserAsync("quinn");
        var forged = Convert.ToBase64String("v1:-5"u8.ToArray());

        foreach (var query in new[] { "limit=0", "limit=101", "limit=abc", "cursor=garbage", $"cursor={forged}", "cursor=%00%01" })
        {
            using var response = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/users/me/timeline?{query}", quinn.Tokens.AccessToken);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query} -> {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var anonymous = await client.GetAsync("/api/v1/users/me/timeline");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory, Providers]
    public async Task Paging_continues_past_a_trimmed_timeline_and_a_partial_merge_from_the_authors_coos(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var prolific = await client.CreateUserAsync("prolific");
        var late = await client.CreateUserAsync("late");
        var expected = new List<string>();
        for (var i = 1; i <= CooApiFactory.MaxTimelineEntries + 5; i++)
        {
            await client.PostCooOkAsync(prolific, $"coo {i}");
            expected.Insert(0, $"coo {i}");
        }

        // Only the newest FollowMergeCount coos are merged for a new follower; the rest come from the author.
        // (Delivered first, so that no fan-out reaches the new follower and the entry count below is exact.)
        await OutboxDrain.WaitAsync(factory);
        await client.FollowOkAsync(late, "prolific");
        await Eventually.MatchAsync(
            () => client.HomePageAsync(late, limit: 1),
            page => page.Items.Count == 1,
            what: "the merge of prolific's recent coos");
        await client.HomeTimelineBecomesAsync(late, [.. expected]);

        await client.HomeTimelineBecomesAsync(prolific, [.. expected]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetServices<IRecurringJob>().OfType<TimelineTrimJob>().Single().RunAsync(CancellationToken.None);
        }

        Assert.Equal(expected, (await client.WholeHomeTimelineAsync(prolific, limit: 7)).Select(c => c.Text));
        Assert.Equal(CooApiFactory.MaxTimelineEntries, await DatabaseProbe.CountAsync(factory, "entries", "timeline") - CooApiFactory.FollowMergeCount);
    }

    private const string CooPostedConsumer = "Coo.Modules.Timeline.IntegrationEventHandlers.CooPostedHandler";

    /// <summary>The (owner, coo) pairs of the timeline entries of the given coos, read from the Timeline module's table.</summary>
    private static async Task<List<(long OwnerId, long CooId)>> EntriesAsync(CooApiFactory factory, string cooIds)
    {
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT owner_id, coo_id FROM {OutboxTests.Table(factory, "timeline", "entries")} WHERE coo_id IN ({cooIds})";
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<(long, long)>();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return entries;
    }
}
