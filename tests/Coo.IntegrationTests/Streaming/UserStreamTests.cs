using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Coo.IntegrationTests.Messaging;
using Coo.IntegrationTests.Notifications;

namespace Coo.IntegrationTests.Streaming;

/// <summary>The live stream of one host: what arrives, in which order, and what a reconnect gets.</summary>
[Collection(ApiCollection.Name)]
public sealed class UserStreamTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_stream_answers_at_once_with_a_heartbeat_so_the_client_knows_it_is_connected(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");

        // The tests' heartbeat interval is longer than the patience: only the opening heartbeat can come.
        await using var stream = await TestEventStream.OpenAsync(client, ada);
        Assert.Equal("heartbeat", (await stream.NextOrHeartbeatAsync()).EventType);
    }

    [Theory, Providers]
    public async Task A_coo_of_someone_you_follow_arrives_on_your_open_stream_and_so_does_its_deletion(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var (ada, grace) = await AdaFollowingGraceAsync(client);
        await using var stream = await TestEventStream.OpenAsync(client, ada);

        var coo = await client.PostCooOkAsync(grace, "live from the lab");
        var (_, update) = await stream.NextAsync("update");
        Assert.Equal(coo.Id, update.GetProperty("id").GetString());
        Assert.Equal("live from the lab", update.GetProperty("text").GetString());
        Assert.Equal("grace", update.GetProperty("author").GetProperty("username").GetString());

        (await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", grace.Tokens.AccessToken)).Dispose();
        var (_, deleted) = await stream.NextAsync("delete");
        Assert.Equal(coo.Id, deleted.GetProperty("id").GetString());
    }

    [Theory, Providers]
    public async Task A_repost_by_someone_you_follow_arrives_on_your_stream_as_the_coo_they_reposted_at_the_repost_s_place_and_its_undo_takes_it_off(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var (ada, grace) = await AdaFollowingGraceAsync(client);
        var hopper = await client.CreateUserAsync("hopper");
        var coo = await client.PostCooOkAsync(hopper, "worth passing on");
        await using var stream = await TestEventStream.OpenAsync(client, ada);

        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "repost");
        var (_, update) = await stream.NextAsync("update");
        Assert.Equal(coo.Id, update.GetProperty("id").GetString());
        Assert.Equal("hopper", update.GetProperty("author").GetProperty("username").GetString());
        Assert.Equal("grace", update.GetProperty("repostedBy").GetProperty("username").GetString());
        var repostId = update.GetProperty("repostId").GetString()!;
        Assert.True(long.Parse(repostId, CultureInfo.InvariantCulture) > long.Parse(coo.Id, CultureInfo.InvariantCulture));

        // What the stream announced is what the timeline shows: the coo, at the top, placed by the same repost.
        using var home = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline", ada.Tokens.AccessToken);
        var first = (await home.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal(coo.Id, first.GetProperty("id").GetString());
        Assert.Equal(repostId, first.GetProperty("repostId").GetString());

        // Undone, the repost takes the coo off her timeline, and off her stream.
        await client.ReactOkAsync(HttpMethod.Delete, grace, coo.Id, "repost");
        var (_, gone) = await stream.NextAsync("delete");
        Assert.Equal(coo.Id, gone.GetProperty("id").GetString());
        await client.HomeTimelineBecomesAsync(ada, "before");
    }

    [Theory, Providers]
    public async Task A_like_of_your_coo_arrives_as_a_notification_event(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var coo = await client.PostCooOkAsync(ada, "like me");
        await using var stream = await TestEventStream.OpenAsync(client, ada);

        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        var (_, notification) = await stream.SkipToAsync("notification"); // Past her own coo coming into her timeline.
        Assert.Equal(JsonValueKind.String, notification.GetProperty("id").ValueKind);
        Assert.Equal(1, notification.GetProperty("unreadCount").GetInt32());
        Assert.Equal(1, await client.UnreadCountAsync(ada));
    }

    [Theory, Providers]
    public async Task A_reconnect_with_the_last_event_id_gets_exactly_the_events_it_missed_in_order(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var (ada, grace) = await AdaFollowingGraceAsync(client);
        string lastSeen;
        await using (var stream = await TestEventStream.OpenAsync(client, ada))
        {
            var seen = await client.PostCooOkAsync(grace, "seen live");
            var (id, update) = await stream.NextAsync("update");
            Assert.Equal(seen.Id, update.GetProperty("id").GetString());
            lastSeen = id!;
        }

        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add((await client.PostCooOkAsync(grace, $"missed {i}")).Id);
        }

        // The fan-out is asynchronous: the reconnect comes once all three are in ada's timeline.
        await client.HomeTimelineBecomesAsync(ada, "missed 2", "missed 1", "missed 0", "seen live", "before");
        await using var resumed = await TestEventStream.OpenAsync(client, ada, lastSeen);
        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            received.Add((await resumed.NextAsync("update")).Data.GetProperty("id").GetString()!);
        }

        Assert.Equal(missed, received);

        var after = await client.PostCooOkAsync(grace, "live again");
        Assert.Equal(after.Id, (await resumed.NextAsync("update")).Data.GetProperty("id").GetString());
    }

    [Theory, Providers]
    public async Task A_last_event_id_the_log_no_longer_covers_gets_a_resync_and_then_live_events(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var (ada, grace) = await AdaFollowingGraceAsync(client);

        // Ada never listened before: nothing was kept for her since then.
        await using var stream = await TestEventStream.OpenAsync(client, ada, lastEventId: "1000-0");
        await stream.NextAsync("resync");
        var coo = await client.PostCooOkAsync(grace, "after the resync");
        Assert.Equal(coo.Id, (await stream.NextAsync("update")).Data.GetProperty("id").GetString());
    }

    [Theory, Providers]
    public async Task Streams_beyond_the_limit_per_user_are_refused_until_one_closes(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var open = new List<TestEventStream>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                open.Add(await TestEventStream.OpenAsync(client, ada));
            }

            using (var refused = await client.SendAsync(
                new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me/stream").Authorized(ada.Tokens.AccessToken), HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                var problem = await refused.ReadProblemAsync();
                Assert.Equal("urn:coo:problem:streaming.too-many-streams", problem.GetProperty("type").GetString());
            }

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await Eventually.MatchAsync(
                async () =>
                {
                    var again = await client.SendAsync(
                        new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me/stream").Authorized(ada.Tokens.AccessToken), HttpCompletionOption.ResponseHeadersRead);
                    var status = again.StatusCode;
                    again.Dispose();
                    return status;
                },
                status => status == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                "a stream to open again once one closed");
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Theory, Providers]
    public async Task A_coo_posted_after_you_followed_arrives_on_your_stream_even_when_timeline_learns_of_the_follow_after_the_coo(TestProvider provider)
    {
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(provider);
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        await client.FollowOkAsync(ada, "grace");
        await OutboxDrain.WaitAsync(factory);

        // As if the follow's message were still on its way to Timeline: the edge is not there, the message waits.
        await OutboxTests.ExecuteAsync(factory, $"DELETE FROM {OutboxTests.Table(factory, "timeline", "follow_edges")} WHERE follower_id = {ada.Id}");
        await OutboxTests.ExecuteAsync(factory, $"UPDATE {OutboxTests.Table(factory, "timeline", "inbox_messages")} SET processed_at = NULL, attempts = 0 WHERE consumer = '{FollowConsumer}'");
        await using var stream = await TestEventStream.OpenAsync(client, ada);
        var coo = await client.PostCooOkAsync(grace, "posted while the follow was on its way");
        await client.HomeTimelineBecomesAsync(grace, "posted while the follow was on its way"); // Timeline has the coo.

        Assert.Equal(1, await factory.WorkQueueOnceAsync(FollowConsumer));
        var (_, update) = await stream.NextAsync("update");
        Assert.Equal(coo.Id, update.GetProperty("id").GetString());
    }

    private const string FollowConsumer = "Coo.Modules.Timeline.IntegrationEventHandlers.UserFollowedHandler";

    /// <summary>
    /// Ada follows Grace, and Timeline has taken the follow in (a coo of Grace's is in Ada's timeline): her next coos
    /// are fanned out to Ada, rather than merged in by the follow, which a stream does not announce.
    /// </summary>
    private static async Task<(TestUser Ada, TestUser Grace)> AdaFollowingGraceAsync(HttpClient client)
    {
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        await client.PostCooOkAsync(grace, "before");
        await client.FollowOkAsync(ada, "grace");
        await client.HomeTimelineBecomesAsync(ada, "before");
        return (ada, grace);
    }

    [Fact]
    public async Task Anonymous_streams_are_refused()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        using var response = await client.GetAsync("/api/v1/users/me/stream");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
