using System.Net.Http.Json;

namespace Coo.IntegrationTests.Timelines;

/// <summary>
/// Reposts on home timelines: a repost reaches the reposter's followers as "X reposted"; a coo is shown once, in its own
/// right when you follow its author, else at its newest repost by someone you follow; undoing a repost or deleting the
/// coo takes it off everywhere. Large reposters are merged in when their followers read.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RepostTimelineTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_repost_shows_once_at_its_newest_repost_and_leaves_when_undone_or_deleted(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ann = await client.CreateUserAsync("p_ann");
        var cat = await client.CreateUserAsync("p_cat");
        var fay = await client.CreateUserAsync("p_fay");
        var reader = await client.CreateUserAsync("p_reader");
        var annsFollower = await client.CreateUserAsync("p_annsfan");
        await client.FollowOkAsync(reader, "p_cat");
        await client.FollowOkAsync(reader, "p_fay");
        await client.FollowOkAsync(annsFollower, "p_ann");
        await client.FollowOkAsync(annsFollower, "p_cat");
        var coo = await client.PostCooOkAsync(ann, "worth passing on");
        await client.PostCooOkAsync(fay, "fay before");

        await RepostAsync(client, cat, coo.Id, HttpMethod.Put);
        await TimelineBecomesAsync(client, reader, ("worth passing on", "p_cat"), ("fay before", null));
        await TimelineBecomesAsync(client, cat, ("worth passing on", "p_cat"));

        await client.PostCooOkAsync(fay, "fay after");
        await RepostAsync(client, fay, coo.Id, HttpMethod.Put);
        await TimelineBecomesAsync(client, reader, ("worth passing on", "p_fay"), ("fay after", null), ("fay before", null));

        // Following the author already shows the coo in its own right, at its own place: no repost repeats it.
        await TimelineBecomesAsync(client, annsFollower, ("worth passing on", null));

        await RepostAsync(client, fay, coo.Id, HttpMethod.Delete);
        await TimelineBecomesAsync(client, reader, ("fay after", null), ("worth passing on", "p_cat"), ("fay before", null));

        using (var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", ann.Tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await TimelineBecomesAsync(client, reader, ("fay after", null), ("fay before", null));
        await TimelineBecomesAsync(client, cat);
        await TimelineBecomesAsync(client, annsFollower);
    }

    [Theory, Providers]
    public async Task Unfollowing_the_reposter_takes_the_repost_away_and_unfollowing_the_author_leaves_the_coo_as_a_repost(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ann = await client.CreateUserAsync("p_ann");
        var cat = await client.CreateUserAsync("p_cat");
        var reader = await client.CreateUserAsync("p_reader");
        await client.FollowOkAsync(reader, "p_ann");
        await client.FollowOkAsync(reader, "p_cat");
        var coo = await client.PostCooOkAsync(ann, "first ann");
        await RepostAsync(client, cat, coo.Id, HttpMethod.Put);
        await TimelineBecomesAsync(client, cat, ("first ann", "p_cat"));
        await TimelineBecomesAsync(client, reader, ("first ann", null));

        await client.UnfollowOkAsync(reader, "p_ann");
        await TimelineBecomesAsync(client, reader, ("first ann", "p_cat"));

        await client.UnfollowOkAsync(reader, "p_cat");
        await TimelineBecomesAsync(client, reader);

        await client.FollowOkAsync(reader, "p_cat");
        await TimelineBecomesAsync(client, reader, ("first ann", "p_cat"));
    }

    [Theory, Providers]
    public async Task A_large_reposters_repost_reaches_their_followers_when_they_read(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ann = await client.CreateUserAsync("p_ann");
        var star = await client.CreateUserAsync("p_star");
        var fans = new List<TestUser>();
        for (var i = 0; i <= CooApiFactory.LargeAuthorFollowers; i++)
        {
            var fan = await client.CreateUserAsync($"p_fan_{i}");
            await client.FollowOkAsync(fan, "p_star");
            fans.Add(fan);
        }

        await client.FollowOkAsync(fans[0], "p_ann");
        var coo = await client.PostCooOkAsync(ann, "seen by a star");
        await client.PostCooOkAsync(star, "the star speaks");
        await RepostAsync(client, star, coo.Id, HttpMethod.Put);

        await TimelineBecomesAsync(client, fans[1], ("seen by a star", "p_star"), ("the star speaks", null));
        await TimelineBecomesAsync(client, fans[0], ("the star speaks", null), ("seen by a star", null));

        await RepostAsync(client, star, coo.Id, HttpMethod.Delete);
        await TimelineBecomesAsync(client, fans[1], ("the star speaks", null));
    }

    private static async Task RepostAsync(HttpClient client, TestUser user, string cooId, HttpMethod method)
    {
        using var response = await client.SendAsAsync(method, $"/api/v1/coos/{cooId}/repost", user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Polls until the whole home timeline is exactly these coos, newest first, each with who reposted it (or null).</summary>
    private static Task<List<(string Text, string? Username)>> TimelineBecomesAsync(
        HttpClient client, TestUser user, params (string Text, string? RepostedBy)[] expected) =>
        Eventually.MatchAsync(
            async () =>
            {
                using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline?limit=100", user.Tokens.AccessToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = (await response.Content.ReadFromJsonAsync<TimelinePage>())!;
                return page.Items.Select(i => (i.Text, i.RepostedBy?.Username)).ToList();
            },
            actual => actual.SequenceEqual(expected),
            what: $"{user.Username}'s home timeline to be [{string.Join(", ", expected)}]");

    private sealed record TimelinePage(List<TimelineCoo> Items);

    private sealed record TimelineCoo(string Id, string Text, Author? RepostedBy);
}
