using System.Globalization;
using System.Text.Json;
using Coo.IntegrationTests.Coos;

namespace Coo.IntegrationTests.Notifications;

[Collection(ApiCollection.Name)]
public sealed class NotificationsTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Each_kind_notifies_the_person_it_happened_to_and_its_undo_takes_it_back(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var coo = await client.PostCooOkAsync(ada, "a thought");

        await client.FollowOkAsync(grace, "ada");
        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "repost");
        var reply = await client.ReplyOkAsync(grace, coo.Id, "an answer");
        var mention = await client.PostCooOkAsync(grace, "hello @ada");

        var all = await client.NotificationsBecomeAsync(ada, n => n.Count == 5);
        Assert.Equal(["mention", "reply", "repost", "like", "follow"], all.Select(n => n.Kind));
        Assert.All(all, n => Assert.Equal(["grace"], n.Actors.Select(a => a.Username)));
        Assert.Equal([mention.Id, reply.Id, coo.Id, coo.Id, null], all.Select(n => n.Coo?.Id));

        await client.UnfollowOkAsync(grace, "ada");
        await client.ReactOkAsync(HttpMethod.Delete, grace, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Delete, grace, coo.Id, "repost");
        (await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{reply.Id}", grace.Tokens.AccessToken)).Dispose();
        (await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{mention.Id}", grace.Tokens.AccessToken)).Dispose();
        await client.NotificationsBecomeAsync(ada, n => n.Count == 0);
    }

    [Theory, Providers]
    public async Task A_reply_that_mentions_others_notifies_the_person_answered_and_everyone_mentioned(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var carol = await client.CreateUserAsync("carol");
        var dan = await client.CreateUserAsync("dan");
        var coo = await client.PostCooOkAsync(ada, "a thought");

        var reply = await client.ReplyOkAsync(grace, coo.Id, "@ada what do @carol and @dan think?");

        var answered = await client.NotificationsBecomeAsync(ada, n => n.Count == 1);
        var carolMentioned = await client.NotificationsBecomeAsync(carol, n => n.Count == 1);
        var danMentioned = await client.NotificationsBecomeAsync(dan, n => n.Count == 1);
        Assert.Equal(("reply", reply.Id), (answered[0].Kind, answered[0].Coo?.Id));
        Assert.Equal(("mention", reply.Id), (carolMentioned[0].Kind, carolMentioned[0].Coo?.Id));
        Assert.Equal(("mention", reply.Id), (danMentioned[0].Kind, danMentioned[0].Coo?.Id));
        Assert.Equal(3, new[] { answered[0].Id, carolMentioned[0].Id, danMentioned[0].Id }.Distinct().Count());
    }

    [Theory, Providers]
    public async Task Your_own_likes_reposts_replies_and_mentions_never_notify_you(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var coo = await client.PostCooOkAsync(ada, "a thought");
        await client.ReactOkAsync(HttpMethod.Put, ada, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, ada, coo.Id, "repost");
        await client.ReplyOkAsync(ada, coo.Id, "and another thing, @ada");

        await client.FollowOkAsync(grace, "ada");
        await client.NotificationsBecomeAsync(ada, n => n.Count > 0);

        // The like, repost and reply reach Notifications through queues of their own: all handled before looking.
        await OutboxDrain.WaitAsync(factory);
        Assert.Equal(["follow"], (await client.NotificationsAsync(ada)).Select(n => n.Kind));
    }

    [Theory, Providers]
    public async Task Likes_of_one_coo_are_one_notification_naming_the_newest_likers_and_counting_everyone(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var first = await client.PostCooOkAsync(ada, "first");
        var second = await client.PostCooOkAsync(ada, "second");
        var fans = new List<TestUser>();
        for (var i = 1; i <= 5; i++)
        {
            fans.Add(await client.CreateUserAsync($"fan{i}"));
            await client.ReactOkAsync(HttpMethod.Put, fans[^1], first.Id, "like");
        }

        await client.ReactOkAsync(HttpMethod.Put, fans[0], second.Id, "like");
        await client.FollowOkAsync(fans[1], "ada");

        var grouped = await client.NotificationsBecomeAsync(ada, n => n.Count == 3 && n.Any(g => g.ActorsCount == 5));
        Assert.Equal([("follow", 1, (string?)null), ("like", 1, second.Id), ("like", 5, first.Id)], grouped.Select(n => (n.Kind, n.ActorsCount, n.Coo?.Id)));
        Assert.Equal(["fan5", "fan4", "fan3"], grouped[2].Actors.Select(a => a.Username));

        await client.ReactOkAsync(HttpMethod.Delete, fans[4], first.Id, "like");
        var afterUnlike = await client.NotificationsBecomeAsync(ada, n => n.Any(g => g.ActorsCount == 4));
        Assert.Equal(["fan4", "fan3", "fan2"], afterUnlike.Single(g => g.ActorsCount == 4).Actors.Select(a => a.Username));

        var likesOnly = await client.NotificationsAsync(ada, "?kind=like");
        Assert.Equal(["like", "like"], likesOnly.Select(n => n.Kind));
        var paged = await client.WholeListAsync<NotificationItem>("/api/v1/users/me/notifications", pageSize: 1, ada);
        Assert.Equal(afterUnlike.Select(n => n.Id), paged.Select(n => n.Id));
    }

    [Theory, Providers]
    public async Task Reading_marks_notifications_read_and_a_newer_like_makes_its_group_unread_again(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var ben = await client.CreateUserAsync("ben");
        var coo = await client.PostCooOkAsync(ada, "a thought");
        await client.FollowOkAsync(grace, "ada");
        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        var both = await client.NotificationsBecomeAsync(ada, n => n.Count == 2);
        Assert.All(both, n => Assert.True(n.Unread));
        Assert.Equal(2, await client.UnreadCountAsync(ada));

        await client.MarkReadAsync(ada, upToId: both[1].LatestId);
        Assert.Equal(1, await client.UnreadCountAsync(ada));
        await client.MarkReadAsync(ada, upToId: null);
        Assert.Equal(0, await client.UnreadCountAsync(ada));
        await client.MarkReadAsync(ada, upToId: both[1].LatestId);
        Assert.Equal(0, await client.UnreadCountAsync(ada));

        await client.ReactOkAsync(HttpMethod.Put, ben, coo.Id, "like");
        var bumped = await client.NotificationsBecomeAsync(ada, n => n[0].ActorsCount == 2);
        Assert.Equal([true, false], bumped.Select(n => n.Unread));
        Assert.Equal(["ben", "grace"], bumped[0].Actors.Select(a => a.Username));
        Assert.Equal(1, await client.UnreadCountAsync(ada));
    }

    [Theory, Providers]
    public async Task The_next_page_of_a_filtered_list_is_filtered_too(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var first = await client.PostCooOkAsync(ada, "first");
        var second = await client.PostCooOkAsync(ada, "second");
        await client.ReactOkAsync(HttpMethod.Put, grace, first.Id, "like");
        await client.NotificationsBecomeAsync(ada, n => n.Count == 1);
        await client.FollowOkAsync(grace, "ada");
        await client.NotificationsBecomeAsync(ada, n => n.Count == 2);
        await client.ReactOkAsync(HttpMethod.Put, grace, second.Id, "like");
        var all = await client.NotificationsBecomeAsync(ada, n => n.Count == 3);

        using var firstLikes = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/notifications?kind=like&limit=1", ada.Tokens.AccessToken);
        var next = firstLikes.FirstLinkTarget();
        using var nextLikes = await client.SendAsAsync(HttpMethod.Get, next, ada.Tokens.AccessToken);

        Assert.Equal(["like", "follow", "like"], all.Select(n => n.Kind));
        var items = (await nextLikes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
        Assert.Equal([first.Id], items.Select(n => n.GetProperty("coo").GetProperty("id").GetString()));
    }

    [Theory, Providers]
    public async Task A_mark_past_the_newest_notification_stops_there_so_later_ones_arrive_unread(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var ben = await client.CreateUserAsync("ben");
        var coo = await client.PostCooOkAsync(ada, "a thought");
        await client.FollowOkAsync(grace, "ada");
        await client.NotificationsBecomeAsync(ada, n => n.Count == 1);

        await client.MarkReadAsync(ada, upToId: long.MaxValue.ToString(CultureInfo.InvariantCulture));
        var readBeforeBen = await client.UnreadCountAsync(ada);
        await client.ReactOkAsync(HttpMethod.Put, ben, coo.Id, "like");
        var later = await client.NotificationsBecomeAsync(ada, n => n.Count == 2);

        Assert.Equal(0, readBeforeBen);
        Assert.Equal([true, false], later.Select(n => n.Unread));
        Assert.Equal(1, await client.UnreadCountAsync(ada));
    }

    [Theory, Providers]
    public async Task Marks_sent_at_once_from_several_devices_all_succeed_and_the_furthest_stands(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var coo = await client.PostCooOkAsync(ada, "a thought");
        await client.FollowOkAsync(grace, "ada");
        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        var both = await client.NotificationsBecomeAsync(ada, n => n.Count == 2);

        var marks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.SendAsAsync(
            HttpMethod.Post, "/api/v1/users/me/notifications/read", ada.Tokens.AccessToken, new { upToId = both[i % 2].LatestId })));

        Assert.All(marks, mark => Assert.Equal(HttpStatusCode.NoContent, mark.StatusCode));
        Assert.Equal(0, await client.UnreadCountAsync(ada));
        foreach (var mark in marks)
        {
            mark.Dispose();
        }
    }

    [Theory, Providers]
    public async Task A_deleted_coo_takes_its_likes_reposts_and_mentions_notifications_with_it(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var coo = await client.PostCooOkAsync(ada, "soon gone, @grace");
        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "repost");
        await client.NotificationsBecomeAsync(ada, n => n.Count == 2);
        await client.NotificationsBecomeAsync(grace, n => n.Count == 1);

        (await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", ada.Tokens.AccessToken)).Dispose();
        await client.NotificationsBecomeAsync(ada, n => n.Count == 0);
        await client.NotificationsBecomeAsync(grace, n => n.Count == 0);
        await Eventually.MatchAsync(() => client.UnreadCountAsync(ada), count => count == 0, what: "ada's unread count to drop to 0");
    }

    [Theory, Providers]
    public async Task Notifications_are_yours_alone_and_an_unknown_kind_is_a_problem(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");

        using var anonymous = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/notifications", accessToken: null);
        using var unknown = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/notifications?kind=poke", ada.Tokens.AccessToken);
        using var combined = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/notifications?kind=follow,like", ada.Tokens.AccessToken);
        using var numbered = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/notifications?kind=1", ada.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("follow, like, repost, reply or mention", (await unknown.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, combined.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, numbered.StatusCode);
    }
}

public sealed record NotificationItem(string Id, string Kind, string LatestId, bool Unread, int ActorsCount, List<Author> Actors, NotifiedCoo? Coo);

public sealed record NotifiedCoo(string Id, string Text);

public static class NotificationApiExtensions
{
    public static async Task<List<NotificationItem>> NotificationsAsync(this HttpClient client, TestUser user, string query = "")
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/users/me/notifications{query}", user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NotificationPage>())!.Items;
    }

    /// <summary>Polls until <paramref name="user"/>'s notifications (newest first) are as <paramref name="done"/> wants.</summary>
    public static Task<List<NotificationItem>> NotificationsBecomeAsync(this HttpClient client, TestUser user, Func<List<NotificationItem>, bool> done) =>
        Eventually.MatchAsync(() => client.NotificationsAsync(user), done, what: $"{user.Username}'s notifications");

    public static async Task<int> UnreadCountAsync(this HttpClient client, TestUser user)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/notifications/unread-count", user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UnreadCount>())!.Count;
    }

    public static async Task MarkReadAsync(this HttpClient client, TestUser user, string? upToId)
    {
        using var response = await client.SendAsAsync(HttpMethod.Post, "/api/v1/users/me/notifications/read", user.Tokens.AccessToken, new { upToId });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private sealed record NotificationPage(List<NotificationItem> Items);

    private sealed record UnreadCount(int Count);
}
