namespace Coo.IntegrationTests.Caching;

/// <summary>
/// Pages are hydrated from cached coo and user summaries (Redis in server mode, process memory in embedded mode);
/// a change, once acknowledged, shows everywhere at once, without waiting for any event.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HydrationCacheTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_deleted_coo_and_a_renamed_author_show_nowhere_once_the_change_is_acknowledged(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("cached_author");
        var reader = await client.CreateUserAsync("cached_reader");
        await client.FollowOkAsync(reader, "cached_author");
        var kept = await client.PostCooOkAsync(author, "kept");
        var deleted = await client.PostCooOkAsync(author, "deleted");
        await client.HomeTimelineBecomesAsync(reader, "deleted", "kept");
        using (await client.GetAsync($"/api/v1/coos/{deleted.Id}"))
        {
            // Both coos and their author are cached now.
        }

        using var renamed = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", author.Tokens.AccessToken, new { displayName = "Renamed" });
        using var removed = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{deleted.Id}", author.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        var home = await client.HomePageAsync(reader);
        using var gone = await client.GetAsync($"/api/v1/coos/{deleted.Id}");
        var single = await client.GetFromJsonAsync<CooItem>($"/api/v1/coos/{kept.Id}");
        var listed = await client.GetFromJsonAsync<CooPage>("/api/v1/users/cached_author/coos");

        Assert.Equal(["kept"], home.Items.Select(c => c.Text));
        Assert.Equal("Renamed", Assert.Single(home.Items).Author.DisplayName);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("Renamed", single!.Author.DisplayName);
        Assert.Equal(["Renamed"], listed!.Items.Select(c => c.Author.DisplayName));
    }
}
