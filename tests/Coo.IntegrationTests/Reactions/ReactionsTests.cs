using Coo.IntegrationTests.Security;

namespace Coo.IntegrationTests.Reactions;

[Collection(ApiCollection.Name)]
public sealed class ReactionsTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Liking_twice_counts_once_and_only_the_liker_sees_it_as_theirs(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("amal");
        var fan = await client.CreateUserAsync("bea");
        var coo = await client.PostCooOkAsync(author, "like me");

        var first = await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");
        var again = await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");

        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, true, false), first);
        Assert.Equal(first, again);
        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, true, false), await client.ReactedCooAsync(coo.Id, fan));
        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, false, false), await client.ReactedCooAsync(coo.Id, author));
        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, false, false), await client.ReactedCooAsync(coo.Id, viewer: null));
    }

    [Theory, Providers]
    public async Task Unliking_takes_the_like_back_and_unliking_again_changes_nothing(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("cato");
        var fan = await client.CreateUserAsync("dora");
        var other = await client.CreateUserAsync("emil");
        var coo = await client.PostCooOkAsync(author, "liked for a while");
        await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, other, coo.Id, "like");

        var undone = await client.ReactOkAsync(HttpMethod.Delete, fan, coo.Id, "like");
        var again = await client.ReactOkAsync(HttpMethod.Delete, fan, coo.Id, "like");

        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, false, false), undone);
        Assert.Equal(undone, again);
        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, true, false), await client.ReactedCooAsync(coo.Id, other));
    }

    [Theory, Providers]
    public async Task A_reaction_shows_on_the_very_next_read_of_a_page_read_just_before_it(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("ines");
        var fan = await client.CreateUserAsync("jon");
        var coo = await client.PostCooOkAsync(author, "read, then liked");
        var before = await client.ReactedPageAsync("/api/v1/users/ines/coos", fan);

        await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");
        var afterLike = await client.ReactedPageAsync("/api/v1/users/ines/coos", fan);
        await client.ReactOkAsync(HttpMethod.Delete, fan, coo.Id, "like");
        var afterUndo = await client.ReactedPageAsync("/api/v1/users/ines/coos", viewer: null);

        Assert.Equal([new ReactedCoo(coo.Id, 0, 0, false, false)], before);
        Assert.Equal([new ReactedCoo(coo.Id, 1, 0, true, false)], afterLike);
        Assert.Equal([new ReactedCoo(coo.Id, 0, 0, false, false)], afterUndo);
    }

    [Theory, Providers]
    public async Task Reposts_count_apart_from_likes_and_are_undone_the_same_way(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("finn");
        var fan = await client.CreateUserAsync("gala");
        var coo = await client.PostCooOkAsync(author, "pass it on");

        var reposted = await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "repost");
        var repostedAgain = await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "repost");
        var liked = await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");
        var unreposted = await client.ReactOkAsync(HttpMethod.Delete, fan, coo.Id, "repost");

        Assert.Equal(new ReactedCoo(coo.Id, 0, 1, false, true), reposted);
        Assert.Equal(reposted, repostedAgain);
        Assert.Equal(new ReactedCoo(coo.Id, 1, 1, true, true), liked);
        Assert.Equal(new ReactedCoo(coo.Id, 1, 0, true, false), unreposted);
    }

    [Theory, Providers]
    public async Task Who_liked_or_reposted_and_what_a_user_liked_are_listed_newest_first_page_by_page(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("hana");
        var fans = new List<TestUser>();
        foreach (var name in new[] { "ivo", "jade", "kira" })
        {
            fans.Add(await client.CreateUserAsync(name));
        }

        var coos = new List<CooItem>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            coos.Add(await client.PostCooOkAsync(author, text));
        }

        foreach (var fan in fans)
        {
            await client.ReactOkAsync(HttpMethod.Put, fan, coos[0].Id, "like");
        }

        await client.ReactOkAsync(HttpMethod.Put, fans[1], coos[0].Id, "repost");
        foreach (var coo in new[] { coos[2], coos[0], coos[1] })
        {
            await client.ReactOkAsync(HttpMethod.Put, fans[0], coo.Id, "like");
        }

        var likers = await client.WholeListAsync<UserItem>($"/api/v1/coos/{coos[0].Id}/likes", pageSize: 2);
        var reposters = await client.WholeListAsync<UserItem>($"/api/v1/coos/{coos[0].Id}/reposts", pageSize: 2);
        var liked = await client.WholeListAsync<CooItem>("/api/v1/users/ivo/likes", pageSize: 2);

        // Liking "one" again changed nothing, so ivo's like of it keeps its place in time: first.
        Assert.Equal(["kira", "jade", "ivo"], likers.Select(u => u.Username));
        Assert.Equal(["jade"], reposters.Select(u => u.Username));
        Assert.Equal(["two", "three", "one"], liked.Select(c => c.Text));
    }

    [Theory, Providers]
    public async Task A_deleted_or_unknown_coo_cannot_be_reacted_to_and_deleting_a_coo_takes_its_reactions_with_it(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("lena");
        var fan = await client.CreateUserAsync("milo");
        var coo = await client.PostCooOkAsync(author, "soon gone");
        await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "repost");

        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", author.Tokens.AccessToken);
        using var likeDeleted = await client.SendAsAsync(HttpMethod.Put, $"/api/v1/coos/{coo.Id}/like", fan.Tokens.AccessToken);
        using var likeUnknown = await client.SendAsAsync(HttpMethod.Put, "/api/v1/coos/12345/like", fan.Tokens.AccessToken);
        using var likersOfDeleted = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/coos/{coo.Id}/likes", accessToken: null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, likeDeleted.StatusCode);
        Assert.Equal("urn:coo:problem:coos.not-found", (await likeDeleted.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, likeUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, likersOfDeleted.StatusCode);
        Assert.Empty(await client.WholeListAsync<CooItem>("/api/v1/users/milo/likes", pageSize: 10));
        await Eventually.MatchAsync(
            () => DatabaseProbe.CountAsync(factory, "reactions", "reactions"), rows => rows == 0, what: "the deleted coo's reactions to go");
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "reaction_counts", "reactions"));
    }

    [Theory, Providers]
    public async Task Every_page_of_coos_carries_counts_and_the_viewers_own_reactions(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("nora");
        var reader = await client.CreateUserAsync("otto");
        await client.FollowOkAsync(reader, "nora");
        var liked = await client.PostCooOkAsync(author, "liked");
        var reposted = await client.PostCooOkAsync(author, "reposted");
        await client.ReactOkAsync(HttpMethod.Put, reader, liked.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, reader, reposted.Id, "repost");
        ReactedCoo[] expected = [new(reposted.Id, 0, 1, false, true), new(liked.Id, 1, 0, true, false)];

        var home = await Eventually.MatchAsync(
            () => client.ReactedPageAsync("/api/v1/users/me/timeline", reader), page => page.Count == 2, what: "both coos on otto's home timeline");
        var authorsCoos = await client.ReactedPageAsync("/api/v1/users/nora/coos", reader);
        var anonymous = await client.ReactedPageAsync("/api/v1/users/nora/coos", viewer: null);

        Assert.Equal(expected, home);
        Assert.Equal(expected, authorsCoos);
        Assert.Equal([new(reposted.Id, 0, 1, false, false), new(liked.Id, 1, 0, false, false)], anonymous);
    }

    [Theory, Providers]
    public async Task Many_people_liking_one_coo_at_once_are_all_counted(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("popular");
        var coo = await client.PostCooOkAsync(author, "everyone likes this");
        var fans = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.CreateUserAsync($"fan{i}")));

        await Task.WhenAll(fans.Select(fan => client.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like")));
        await Task.WhenAll(fans.Take(5).Select(fan => client.ReactOkAsync(HttpMethod.Delete, fan, coo.Id, "like")));

        Assert.Equal(19, (await client.ReactedCooAsync(coo.Id, viewer: null)).LikesCount);
        Assert.Equal(19, (await client.WholeListAsync<UserItem>($"/api/v1/coos/{coo.Id}/likes", pageSize: 100)).Count);
    }

    [Theory, Providers]
    public async Task Reacting_needs_a_signed_in_user_and_a_refusal_changes_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("pia");
        var coo = await client.PostCooOkAsync(author, "hands off");
        var before = await StateSnapshot.TakeAsync(factory, "pia");

        using var like = await client.PutAsync($"/api/v1/coos/{coo.Id}/like", content: null);
        using var repost = await client.PutAsync($"/api/v1/coos/{coo.Id}/repost", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, like.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, repost.StatusCode);
        Assert.Equal(before, await StateSnapshot.TakeAsync(factory, "pia"));
    }
}
