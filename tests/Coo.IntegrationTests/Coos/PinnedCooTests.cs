using System.Text;

namespace Coo.IntegrationTests.Coos;

[Collection(ApiCollection.Name)]
public sealed class PinnedCooTests(ApiFixture fixture)
{
    private const string PinnedCoo = "/api/v1/users/me/pinned-coo";

    private sealed record PinnedProfile(string Username, CooItem? PinnedCoo);

    [Theory, Providers]
    public async Task A_pinned_coo_shows_on_the_profile_and_pinning_another_replaces_it(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("pia");
        var first = await client.PostCooOkAsync(author, "pin me");
        var second = await client.PostCooOkAsync(author, "no, pin me");

        var unpinned = await ProfileAsync(client, "pia");
        using var pinned = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, author.Tokens.AccessToken, new { cooId = first.Id });
        var afterFirst = await ProfileAsync(client, "pia");
        using var replaced = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, author.Tokens.AccessToken, new { cooId = second.Id });
        var afterSecond = await ProfileAsync(client, "pia");

        Assert.Null(unpinned.PinnedCoo);
        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal(first, await pinned.Content.ReadFromJsonAsync<CooItem>());
        Assert.Equal(first, afterFirst.PinnedCoo);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(second, afterSecond.PinnedCoo);
    }

    [Theory, Providers]
    public async Task Unpinning_removes_the_pin_and_unpinning_again_is_no_error(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("quinn");
        var coo = await client.PostCooOkAsync(author, "pinned for a while");
        using var pinned = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, author.Tokens.AccessToken, new { cooId = coo.Id });

        using var unpinned = await client.SendAsAsync(HttpMethod.Delete, PinnedCoo, author.Tokens.AccessToken);
        using var again = await client.SendAsAsync(HttpMethod.Delete, PinnedCoo, author.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unpinned.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Null((await ProfileAsync(client, "quinn")).PinnedCoo);
    }

    [Theory, Providers]
    public async Task Someone_elses_coo_cannot_be_pinned_and_the_refusal_changes_no_pin(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var rosa = await client.CreateUserAsync("rosa");
        var sam = await client.CreateUserAsync("sam");
        var rosas = await client.PostCooOkAsync(rosa, "rosa's own");
        var sams = await client.PostCooOkAsync(sam, "sam's own");
        using var samPins = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, sam.Tokens.AccessToken, new { cooId = sams.Id });

        using var refused = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, sam.Tokens.AccessToken, new { cooId = rosas.Id });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(404, (await refused.ReadProblemAsync()).GetProperty("status").GetInt32());
        Assert.Equal(sams, (await ProfileAsync(client, "sam")).PinnedCoo);
        Assert.Null((await ProfileAsync(client, "rosa")).PinnedCoo);
    }

    [Theory, Providers]
    public async Task Deleting_the_pinned_coo_unpins_it_and_a_deleted_coo_cannot_be_pinned(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("tara");
        var coo = await client.PostCooOkAsync(author, "soon gone");
        using var pinned = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, author.Tokens.AccessToken, new { cooId = coo.Id });

        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", author.Tokens.AccessToken);
        var profile = await ProfileAsync(client, "tara");
        using var pinDeleted = await client.SendAsAsync(HttpMethod.Put, PinnedCoo, author.Tokens.AccessToken, new { cooId = coo.Id });

        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(profile.PinnedCoo);
        Assert.Equal(HttpStatusCode.NotFound, pinDeleted.StatusCode);
    }

    [Theory, Providers]
    public async Task Pinning_and_unpinning_need_a_signed_in_user(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var author = await client.CreateUserAsync("uma");
        var coo = await client.PostCooOkAsync(author, "mine");

        using var pin = await client.PutAsJsonAsync(PinnedCoo, new { cooId = coo.Id });
        using var unpin = await client.DeleteAsync(PinnedCoo);

        Assert.Equal(HttpStatusCode.Unauthorized, pin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unpin.StatusCode);
        Assert.Null((await ProfileAsync(client, "uma")).PinnedCoo);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"cooId":"0"}""")]
    [InlineData("""{"cooId":"-5"}""")]
    [InlineData("""{"cooId":"not-an-id"}""")]
    [InlineData("""{"cooId":"99999999999999999999"}""")]
    public async Task A_missing_or_malformed_coo_id_is_400_never_500(string body)
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        var author = await client.CreateUserAsync("vera");
        using var request = new HttpRequestMessage(HttpMethod.Put, PinnedCoo) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request.Authorized(author.Tokens.AccessToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).GetProperty("status").GetInt32());
    }

    private static async Task<PinnedProfile> ProfileAsync(HttpClient client, string username)
    {
        using var response = await client.GetAsync($"/api/v1/users/{username}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PinnedProfile>())!;
    }
}
