namespace Coo.IntegrationTests.Coos;

[Collection(ApiCollection.Name)]
public sealed class ReadingAndDeletingTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Only_the_author_may_delete_a_coo_and_then_it_is_gone(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("author");
        var other = await client.CreateUserAsync("other");
        var coo = await client.PostCooOkAsync(author, "short-lived");

        using var anonymous = await client.DeleteAsync($"/api/v1/coos/{coo.Id}");
        using var byOther = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", other.Tokens.AccessToken);
        using var stillThere = await client.GetAsync($"/api/v1/coos/{coo.Id}");
        using var byAuthor = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", author.Tokens.AccessToken);
        using var gone = await client.GetAsync($"/api/v1/coos/{coo.Id}");
        using var listed = await client.GetAsync("/api/v1/users/author/coos");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty((await listed.Content.ReadFromJsonAsync<CooPage>())!.Items);
        var events = await DatabaseProbe.OutboxRowsAsync(factory, "coos");
        Assert.Single(events, e => e.EventName == "coos.coo-deleted.v1");
    }

    [Theory, Providers]
    public async Task A_users_coos_are_listed_newest_first_in_stable_pages_that_end(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var hana = await client.CreateUserAsync("hana");
        var ivan = await client.CreateUserAsync("ivan");
        for (var i = 1; i <= 5; i++)
        {
            await client.PostCooOkAsync(hana, $"coo {i}");
        }

        await client.PostCooOkAsync(ivan, "not hana's");

        using var first = await client.GetAsync("/api/v1/users/HANA/coos?limit=2");
        var page1 = (await first.Content.ReadFromJsonAsync<CooPage>())!;
        await client.PostCooOkAsync(hana, "posted while paging");
        var next = first.Headers.GetValues("Link").Single();
        Assert.StartsWith("<http://localhost/api/v1/users/HANA/coos?limit=2&cursor=", next, StringComparison.Ordinal);
        Assert.EndsWith(">; rel=\"next\"", next, StringComparison.Ordinal);
        using var second = await client.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        var page2 = (await second.Content.ReadFromJsonAsync<CooPage>())!;
        using var third = await client.GetAsync($"/api/v1/users/hana/coos?limit=2&cursor={page2.NextCursor}");
        var page3 = (await third.Content.ReadFromJsonAsync<CooPage>())!;

        Assert.Equal(["coo 5", "coo 4"], page1.Items.Select(c => c.Text));
        Assert.Equal(["coo 3", "coo 2"], page2.Items.Select(c => c.Text));
        Assert.Equal(["coo 1"], page3.Items.Select(c => c.Text));
        Assert.Null(page3.NextCursor);
        Assert.False(third.Headers.Contains("Link"));
        Assert.All(page1.Items, c => Assert.Equal("hana", c.Author.Username));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=djE6LTE")]
    [InlineData("cursor=%F0%9F%98%80")]
    public async Task A_bad_limit_or_a_tampered_cursor_is_400_never_500(string query)
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        await client.CreateUserAsync("jane");

        using var response = await client.GetAsync($"/api/v1/users/jane/coos?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).GetProperty("status").GetInt32());
    }

    [Theory, Providers]
    public async Task Unknown_users_and_coos_are_404(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        using var user = await client.GetAsync("/api/v1/users/nobody/coos");
        using var coo = await client.GetAsync("/api/v1/coos/12345");

        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, coo.StatusCode);
    }
}
