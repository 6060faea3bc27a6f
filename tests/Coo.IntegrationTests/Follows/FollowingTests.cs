namespace Coo.IntegrationTests.Follows;

[Collection(ApiCollection.Name)]
public sealed class FollowingTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Following_and_unfollowing_are_idempotent_and_counted_on_both_profiles(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var alice = await client.CreateUserAsync("alice");
        var bob = await client.CreateUserAsync("bob");

        await client.FollowOkAsync(alice, "bob");
        await client.FollowOkAsync(alice, "BOB");
        var bobFollowed = await client.ProfileAsync("bob", viewer: alice);
        var aliceFollowing = await client.ProfileAsync("alice");
        var bobSeenByHimself = await client.ProfileAsync("bob", viewer: bob);
        var bobSeenAnonymously = await client.ProfileAsync("bob");
        await client.UnfollowOkAsync(alice, "bob");
        await client.UnfollowOkAsync(alice, "bob");
        var bobUnfollowed = await client.ProfileAsync("bob", viewer: alice);

        Assert.Equal((1, 0, true), (bobFollowed.FollowersCount, bobFollowed.FollowingCount, bobFollowed.FollowedByYou));
        Assert.Equal((0, 1), (aliceFollowing.FollowersCount, aliceFollowing.FollowingCount));
        Assert.False(bobSeenByHimself.FollowedByYou);
        Assert.Null(bobSeenAnonymously.FollowedByYou);
        Assert.Equal((0, 0, false), (bobUnfollowed.FollowersCount, bobUnfollowed.FollowingCount, bobUnfollowed.FollowedByYou));
        var events = await DatabaseProbe.OutboxRowsAsync(factory, "follows");
        Assert.Single(events, e => e.EventName == "follows.user-followed.v1");
        Assert.Single(events, e => e.EventName == "follows.user-unfollowed.v1");
    }

    [Theory, Providers]
    public async Task Following_yourself_an_unknown_user_or_anonymously_is_refused_and_unfollowing_yourself_changes_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var carol = await client.CreateUserAsync("carol");

        using var self = await client.SendAsAsync(HttpMethod.Put, "/api/v1/users/Carol/follow", carol.Tokens.AccessToken);
        using var selfUnfollow = await client.SendAsAsync(HttpMethod.Delete, "/api/v1/users/carol/follow", carol.Tokens.AccessToken);
        using var unknown = await client.SendAsAsync(HttpMethod.Put, "/api/v1/users/nobody/follow", carol.Tokens.AccessToken);
        using var unknownUnfollow = await client.SendAsAsync(HttpMethod.Delete, "/api/v1/users/nobody/follow", carol.Tokens.AccessToken);
        using var anonymous = await client.SendAsAsync(HttpMethod.Put, "/api/v1/users/carol/follow", accessToken: null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Equal("urn:coo:problem:follows.self", (await self.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NoContent, selfUnfollow.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownUnfollow.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "follows", "follows"));
        Assert.Empty(await DatabaseProbe.OutboxRowsAsync(factory, "follows"));
    }

    [Theory, Providers]
    public async Task Followers_and_following_are_listed_newest_first_in_pages_that_end(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var star = await client.CreateUserAsync("star");
        var fans = new List<TestUser>();
        foreach (var name in new[] { "fan_a", "fan_b", "fan_c" })
        {
            var fan = await client.CreateUserAsync(name);
            await client.FollowOkAsync(fan, "star");
            fans.Add(fan);
        }

        await client.FollowOkAsync(star, "fan_b");

        using var first = await client.GetAsync("/api/v1/users/star/followers?limit=2");
        var page1 = (await first.Content.ReadFromJsonAsync<UserPage>())!;
        var page2 = (await client.GetFromJsonAsync<UserPage>($"/api/v1/users/star/followers?limit=2&cursor={page1.NextCursor}"))!;
        var following = (await client.GetFromJsonAsync<UserPage>("/api/v1/users/star/following"))!;
        using var unknown = await client.GetAsync("/api/v1/users/nobody/followers");
        using var badCursor = await client.GetAsync("/api/v1/users/star/followers?cursor=not-a-cursor");

        Assert.Equal(["fan_c", "fan_b"], page1.Items.Select(u => u.Username));
        Assert.Contains("rel=\"next\"", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(["fan_a"], page2.Items.Select(u => u.Username));
        Assert.Null(page2.NextCursor);
        Assert.Equal(["fan_b"], following.Items.Select(u => u.Username));
        Assert.Null(following.NextCursor);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Theory, Providers]
    public async Task A_profile_counts_the_coos_its_user_posted_and_has_not_deleted(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var dana = await client.CreateUserAsync("dana");
        await client.PostCooOkAsync(dana, "one");
        var two = await client.PostCooOkAsync(dana, "two");
        using var retried = await client.PostCooAsync(dana, "three", idempotencyKey: "k1");
        using var retriedAgain = await client.PostCooAsync(dana, "three", idempotencyKey: "k1");
        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{two.Id}", dana.Tokens.AccessToken);
        using var deletedAgain = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{two.Id}", dana.Tokens.AccessToken);

        var profile = await client.ProfileAsync("dana");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(2, profile.CoosCount);
    }
}
