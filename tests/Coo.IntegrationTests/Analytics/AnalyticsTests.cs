using System.Net.Http.Headers;
using System.Text.Json;
using Coo.IntegrationTests.Messaging;
using Coo.Modules.Analytics.Jobs;

namespace Coo.IntegrationTests.Analytics;

public sealed record StatsBucket(
    DateTimeOffset Start, int ActiveUsers, int NewUsers, int CoosPosted, int CoosDeleted, int Follows, int Unfollows, int Likes, int Reposts, int TimelineViews);

public sealed record Stats(string Granularity, DateTimeOffset From, DateTimeOffset To, List<StatsBucket> Buckets)
{
    public (int NewUsers, int CoosPosted, int CoosDeleted, int Follows, int Unfollows, int Likes, int Reposts, int TimelineViews) Totals => (
        Buckets.Sum(b => b.NewUsers), Buckets.Sum(b => b.CoosPosted), Buckets.Sum(b => b.CoosDeleted),
        Buckets.Sum(b => b.Follows), Buckets.Sum(b => b.Unfollows), Buckets.Sum(b => b.Likes), Buckets.Sum(b => b.Reposts),
        Buckets.Sum(b => b.TimelineViews));
}

[Collection(ApiCollection.Name)]
public sealed class AnalyticsTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Stats_of_a_scripted_day_equal_what_the_script_did(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var alan = await client.CreateUserAsync("alan");
        var edsger = await client.CreateUserAsync("edsger");

        var adasFirst = await client.PostCooOkAsync(ada, "one");
        var adasSecond = await client.PostCooOkAsync(ada, "two");
        await client.PostCooOkAsync(ada, "three");
        var gracesFirst = await client.PostCooOkAsync(grace, "four");
        await client.PostCooOkAsync(grace, "five");
        using (var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{adasFirst.Id}", ada.Tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await client.FollowOkAsync(alan, "ada");
        await client.FollowOkAsync(alan, "grace");
        await client.FollowOkAsync(edsger, "ada");
        await client.UnfollowOkAsync(alan, "grace");
        await client.ReactOkAsync(HttpMethod.Put, edsger, adasSecond.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, edsger, gracesFirst.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, grace, adasSecond.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, alan, gracesFirst.Id, "repost");
        await client.SendEventsOkAsync(ada.Tokens.AccessToken, TimelineViewed(), TimelineViewed());
        await client.SendEventsOkAsync(accessToken: null, TimelineViewed(), TimelineViewed(), TimelineViewed());

        // Five people registered, and each did something today; anonymous viewers add views but no active user.
        var expected = (NewUsers: 5, CoosPosted: 5, CoosDeleted: 1, Follows: 3, Unfollows: 1, Likes: 3, Reposts: 1, TimelineViews: 5);
        var daily = await Eventually.MatchAsync(() => client.StatsAsync(admin, "granularity=day"), s => s.Totals == expected, what: "daily stats");
        var hourly = await Eventually.MatchAsync(() => client.StatsAsync(admin, "granularity=hour"), s => s.Totals == expected, what: "hourly stats");

        Assert.Equal(("day", 8), (daily.Granularity, daily.Buckets.Count));
        AssertActiveUsers(5, daily);
        Assert.Equal(("hour", 25), (hourly.Granularity, hourly.Buckets.Count));
        var activeHours = hourly.Buckets.Where(b => b.ActiveUsers > 0).ToList();
        Assert.All(activeHours, b => Assert.InRange(b.ActiveUsers, 1, 5));
        if (activeHours.Count == 1)
        {
            Assert.Equal(5, activeHours[0].ActiveUsers); // The script did not cross an hour boundary.
        }
    }

    [Theory, Providers]
    public async Task Events_counted_together_in_one_batch_add_up_as_counted_one_at_a_time(TestProvider provider)
    {
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(provider);
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        foreach (var (author, text) in new[] { (ada, "one"), (ada, "two"), (grace, "three"), (ada, "four"), (grace, "five") })
        {
            await client.PostCooOkAsync(author, text);
        }

        await OutboxDrain.WaitAsync(factory);

        // Counted again from nothing, all five in one claim: the batch path sums them per bucket before writing.
        await OutboxTests.ExecuteAsync(factory, $"DELETE FROM {OutboxTests.Table(factory, "analytics", "counts")}");
        await OutboxTests.ExecuteAsync(factory, $"DELETE FROM {OutboxTests.Table(factory, "analytics", "active_users")}");
        await OutboxTests.ExecuteAsync(factory, $"UPDATE {OutboxTests.Table(factory, "analytics", "inbox_messages")} SET processed_at = NULL, attempts = 0 WHERE consumer = '{CooPostedConsumer}'");
        Assert.Equal(5, await factory.WorkQueueOnceAsync(CooPostedConsumer));

        var daily = await client.StatsAsync(admin, "granularity=day");
        Assert.Equal((0, 5), (daily.Totals.NewUsers, daily.Totals.CoosPosted));
        AssertActiveUsers(2, daily);
        var hourly = await client.StatsAsync(admin, "granularity=hour");
        Assert.Equal(5, hourly.Totals.CoosPosted);
        Assert.All(hourly.Buckets, b => Assert.InRange(b.ActiveUsers, 0, 2));
        Assert.InRange(hourly.Buckets.Sum(b => b.ActiveUsers), 2, 4); // 4 only if the posts crossed an hour.
    }

    private const string CooPostedConsumer = "Coo.Modules.Analytics.IntegrationEventHandlers.CooPostedHandler";

    [Theory, Providers]
    public async Task Anonymous_events_count_in_the_totals_but_never_as_active_users(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);

        await client.SendEventsOkAsync(accessToken: null, TimelineViewed(), TimelineViewed(), TimelineViewed());

        var stats = await Eventually.MatchAsync(
            () => client.StatsAsync(admin, "granularity=day"), s => s.Totals.NewUsers == 1 && s.Totals.TimelineViews == 3, what: "daily stats");
        AssertActiveUsers(1, stats); // the administrator, who registered
        Assert.Equal(3, await DatabaseProbe.CountAsync(factory, "raw_client_events", "analytics"));
    }

    [Theory, Providers]
    public async Task Stats_are_for_administrators_only(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        var someone = await client.CreateUserAsync("someone");

        using var anonymous = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", accessToken: null);
        using var user = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", someone.Tokens.AccessToken);
        using var administrator = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", admin.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, administrator.StatusCode);
    }

    [Theory, Providers]
    public async Task Bad_event_batches_are_refused_whole_with_the_field_named_in_the_callers_language(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        var tooMany = await client.SendEventsAsync(null, [.. Enumerable.Range(0, 51).Select(_ => TimelineViewed())]);
        var unknown = await client.SendEventsAsync(null, [TimelineViewed(), new { name = "mouse_moved", occurredAt = DateTimeOffset.UtcNow }]);
        var future = await client.SendEventsAsync(null, [new { name = "profile_viewed", occurredAt = DateTimeOffset.UtcNow.AddHours(1) }]);
        var old = await client.SendEventsAsync(null, [new { name = "profile_viewed", occurredAt = DateTimeOffset.UtcNow.AddDays(-2) }]);
        var empty = await client.SendEventsAsync(null, []);
        var german = await client.SendEventsAsync(null, [new { name = "mouse_moved", occurredAt = DateTimeOffset.UtcNow }], language: "de");

        Assert.Contains("events", tooMany.Keys);
        Assert.Equal("events[1].name", Assert.Single(unknown.Keys));
        Assert.Contains("timeline_viewed", unknown["events[1].name"][0], StringComparison.Ordinal);
        Assert.Equal("events[0].occurredAt", Assert.Single(future.Keys));
        Assert.Equal("events[0].occurredAt", Assert.Single(old.Keys));
        Assert.Equal("events", Assert.Single(empty.Keys));
        Assert.StartsWith("Unbekannter Ereignisname", german["events[0].name"][0], StringComparison.Ordinal);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "raw_client_events", "analytics"));
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "counts", "analytics"));
    }

    [Theory, Providers]
    public async Task A_null_in_the_event_list_is_refused_as_a_missing_event_not_a_server_error(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        var refused = await client.SendEventsAsync(null, [TimelineViewed(), null!]);

        Assert.Equal("events[1]", Assert.Single(refused.Keys));
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "raw_client_events", "analytics"));
    }

    [Theory, Providers]
    public async Task Bad_stats_ranges_are_refused(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);

        var reversed = await client.StatsProblemAsync(admin, "from=2026-11-20T00:00:00Z&to=2026-11-10T00:00:00Z");
        var tooManyHours = await client.StatsProblemAsync(admin, "granularity=hour&from=2026-11-01T00:00:00Z&to=2026-11-09T00:00:00Z");
        var tooManyDays = await client.StatsProblemAsync(admin, "granularity=day&from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        var granularity = await client.StatsProblemAsync(admin, "granularity=week");
        var time = await client.StatsProblemAsync(admin, "from=yesterday");

        Assert.Equal("to", Assert.Single(reversed.Keys));
        Assert.Equal("to", Assert.Single(tooManyHours.Keys));
        Assert.Equal("to", Assert.Single(tooManyDays.Keys));
        Assert.Equal("granularity", Assert.Single(granularity.Keys));
        Assert.Equal("from", Assert.Single(time.Keys));
    }

    [Theory, Providers]
    public async Task Times_at_the_ends_of_the_calendar_are_a_400_not_a_500(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);

        var firstDay = await client.StatsProblemAsync(admin, "to=0001-01-01T00:00:00Z");
        var firstHour = await client.StatsProblemAsync(admin, "granularity=hour&to=0001-01-01T00:00:00Z");
        var lastDay = await client.StatsProblemAsync(admin, "from=9999-12-31T00:00:00Z&to=9999-12-31T23:59:59Z");
        var ancientFrom = await client.StatsProblemAsync(admin, "from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z");

        Assert.Equal("to", Assert.Single(firstDay.Keys));
        Assert.Equal("to", Assert.Single(firstHour.Keys));
        Assert.Equal(["from", "to"], lastDay.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["from", "to"], ancientFrom.Keys.Order(StringComparer.Ordinal));
    }

    [Theory, Providers]
    public async Task Raw_events_older_than_the_retention_are_deleted_and_their_counts_stay(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        await client.SendEventsOkAsync(admin.Tokens.AccessToken, TimelineViewed(), TimelineViewed());

        await factory.RunJobAsync<RawEventRetentionJob>(TimeSpan.FromDays(6));
        var keptWithinRetention = await DatabaseProbe.CountAsync(factory, "raw_client_events", "analytics");
        await factory.RunJobAsync<RawEventRetentionJob>(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Equal(2, keptWithinRetention);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "raw_client_events", "analytics"));
        var stats = await Eventually.MatchAsync(() => client.StatsAsync(admin, "granularity=day"), s => s.Totals.NewUsers == 1, what: "daily stats");
        Assert.Equal(2, stats.Totals.TimelineViews);
        Assert.Equal(2, (await client.StatsAsync(admin, "granularity=hour")).Totals.TimelineViews);
    }

    /// <summary>
    /// The test's people were active today, or yesterday and today when it ran across midnight (UTC); then someone
    /// active on both days counts on both.
    /// </summary>
    private static void AssertActiveUsers(int expected, Stats daily)
    {
        var (yesterday, today) = (daily.Buckets[^2].ActiveUsers, daily.Buckets[^1].ActiveUsers);
        if (yesterday == 0)
        {
            Assert.Equal(expected, today);
            return;
        }

        Assert.InRange(yesterday, 1, expected);
        Assert.InRange(today, 0, expected);
        Assert.InRange(yesterday + today, expected, 2 * expected);
    }

    private static object TimelineViewed() => new { name = "timeline_viewed", occurredAt = DateTimeOffset.UtcNow, properties = new { screen = "home" } };
}

internal static class AnalyticsApiExtensions
{
    public static async Task SendEventsOkAsync(this HttpClient client, string? accessToken, params object[] events)
    {
        using var response = await client.SendAsAsync(HttpMethod.Post, "/api/v1/analytics/events", accessToken, new { events });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Sends a batch that must be refused, and returns the problem's per-field errors.</summary>
    public static async Task<Dictionary<string, string[]>> SendEventsAsync(this HttpClient client, string? accessToken, object[] events, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analytics/events") { Content = JsonContent.Create(new { events }) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (accessToken is not null)
        {
            request.Authorized(accessToken);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await ErrorsAsync(response);
    }

    public static async Task<Stats> StatsAsync(this HttpClient client, TestUser admin, string query)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/admin/stats?{query}", admin.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Stats>())!;
    }

    public static async Task<Dictionary<string, string[]>> StatsProblemAsync(this HttpClient client, TestUser admin, string query)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/admin/stats?{query}", admin.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await ErrorsAsync(response);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:coo:problem:validation", problem.GetProperty("type").GetString());
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
