using System.Text.Json;
using Coo.Modules.Tags.Jobs;

namespace Coo.IntegrationTests.Tags;

[Collection(ApiCollection.Name)]
public sealed class TagsTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_coo_carries_its_mentions_of_real_users_its_hashtags_and_links_with_their_places(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("Grace");
        const string text = "😀 @GRACE and @nobody: #Coo at https://example.org/x.";

        using var posted = await client.PostCooAsync(ada, text);
        var fromPost = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entities");
        using var read = await client.SendAsAsync(HttpMethod.Get, posted.Headers.Location!.ToString(), accessToken: null);
        var fromRead = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entities");

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var expected = $$"""{"mentions":[{"start":3,"end":9,"userId":"{{grace.Id}}","username":"Grace"}],"hashtags":[{"start":23,"end":27,"tag":"coo"}],"urls":[{"start":31,"end":52,"url":"https://example.org/x"}]}""";
        Assert.Equal(expected, fromPost.GetRawText());
        Assert.Equal(expected, fromRead.GetRawText());
        Assert.Equal("@GRACE", text[3..9]);
    }

    [Theory, Providers]
    public async Task A_tags_coos_are_listed_newest_first_however_the_tag_is_written_and_a_deleted_coo_leaves_the_list(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var first = await client.PostCooOkAsync(ada, "#Coo one");
        await client.PostCooOkAsync(grace, "two #other");
        var third = await client.PostCooOkAsync(grace, "three #COO");
        var fourth = await client.PostCooOkAsync(ada, "four #coo #coo");

        var listed = await Eventually.MatchAsync(
            () => client.WholeListAsync<CooItem>("/api/v1/tags/cOo/coos", pageSize: 2), coos => coos.Count == 3, what: "three coos tagged #coo");
        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{third.Id}", grace.Tokens.AccessToken);
        var afterDelete = await Eventually.MatchAsync(
            () => client.WholeListAsync<CooItem>("/api/v1/tags/coo/coos", pageSize: 2), coos => coos.Count == 2, what: "the deleted coo to leave #coo");

        Assert.Equal([fourth.Id, third.Id, first.Id], listed.Select(c => c.Id));
        Assert.Equal([fourth.Id, first.Id], afterDelete.Select(c => c.Id));
        Assert.Empty(await client.WholeListAsync<CooItem>("/api/v1/tags/unused/coos", pageSize: 20));
    }

    [Theory]
    [InlineData("2026")]
    [InlineData("no%20tag")]
    [InlineData("a-b")]
    public async Task Something_that_is_no_tag_is_a_400_problem(string tag)
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();

        using var response = await client.GetAsync($"/api/v1/tags/{tag}/coos");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:coo:problem:tags.not-a-tag", (await response.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Theory, Providers]
    public async Task Trending_tags_count_distinct_people_and_a_use_leaves_the_trend_once_it_is_a_day_old(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var alan = await client.CreateUserAsync("alan");
        foreach (var text in new[] { "#solo", "#solo again", "#solo and #shared" })
        {
            await client.PostCooOkAsync(ada, text);
        }

        await client.PostCooOkAsync(grace, "#shared");
        await client.PostCooOkAsync(alan, "#Shared too");

        var trending = await Eventually.MatchAsync(
            () => TrendingAsync(client), tags => tags.Count == 2 && tags[0].People == 3, what: "#shared to trend with three people");
        await factory.RunJobAsync<TrendWindowJob>(TimeSpan.FromHours(23));
        var withinADay = await TrendingAsync(client);
        await factory.RunJobAsync<TrendWindowJob>(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Equal([new Trend("shared", 3), new Trend("solo", 1)], trending);
        Assert.Equal(trending, withinADay);
        Assert.Empty(await TrendingAsync(client));
    }

    private sealed record Trend(string Tag, int People);

    private sealed record Trending(List<Trend> Items);

    private static async Task<List<Trend>> TrendingAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<Trending>("/api/v1/tags/trending"))!.Items;
}
