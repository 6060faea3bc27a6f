using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coo.IntegrationTests.OAuth;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>
/// The Mastodon-compatible API's reads, with Coo's own session tokens: Mastodon's shapes (ids as strings, times to the
/// millisecond in UTC, HTML content), its paging and its errors.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class MastodonReadTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task The_instance_describes_the_server_and_its_limits_to_anyone(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var v1 = await client.GetAsync("/api/v1/instance");
        using var v2 = await client.GetAsync("/api/v2/instance");

        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal("application/json", v1.Content.Headers.ContentType?.MediaType);
        var instance = await v1.Content.ReadFromJsonAsync<JsonElement>();
        MastodonSchema.AssertIs("V1Instance", instance);
        Assert.StartsWith("4.", instance.GetProperty("version").GetString());
        Assert.Equal(280, instance.GetProperty("configuration").GetProperty("statuses").GetProperty("max_characters").GetInt32());
        Assert.Equal(23, instance.GetProperty("configuration").GetProperty("statuses").GetProperty("characters_reserved_per_url").GetInt32());
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        var described = await v2.Content.ReadFromJsonAsync<JsonElement>();
        MastodonSchema.AssertIs("Instance", described);
        Assert.Equal("localhost", described.GetProperty("domain").GetString());
        Assert.Equal("admin@coo.example", described.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal(4, described.GetProperty("configuration").GetProperty("statuses").GetProperty("max_media_attachments").GetInt32());
    }

    [Theory, Providers]
    public async Task Verify_credentials_answers_the_signed_in_users_account_and_a_missing_or_unknown_token_gets_mastodons_error(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var mona = await client.CreateUserAsync("mona_masto");
        await client.PostCooOkAsync(mona, "hello from mona");

        using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", mona.Tokens.AccessToken);
        using var anonymous = await client.GetAsync("/api/v1/accounts/verify_credentials");
        using var revoked = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", "no-such-opaque-token");
        using var expired = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", "no.such.jwt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        MastodonSchema.AssertIs("CredentialAccount", account);
        Assert.Equal(mona.Id, account.GetProperty("id").GetString());
        Assert.Equal("mona_masto", account.GetProperty("acct").GetString());
        Assert.Matches(MastodonTime(), account.GetProperty("created_at").GetString()!);
        Assert.Equal(1, account.GetProperty("statuses_count").GetInt32());
        Assert.Equal("public", account.GetProperty("source").GetProperty("privacy").GetString());
        Assert.Equal("http://localhost/@mona_masto", account.GetProperty("url").GetString());
        Assert.StartsWith("http://localhost/", account.GetProperty("avatar").GetString());

        foreach (var refused in new[] { anonymous, revoked, expired })
        {
            await MastodonSchema.AssertErrorAsync(refused, HttpStatusCode.Unauthorized);
        }
    }

    [Theory, Providers]
    public async Task An_oauth_token_reads_with_its_scope_and_one_without_it_gets_mastodons_403(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var olga = await client.CreateUserAsync("olga_masto");
        var app = await client.CreateAppAsync();
        var reader = await client.PasswordTokenAsync(app, olga, "read");
        var writer = await client.PasswordTokenAsync(app, olga, "write");

        using var read = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", reader);
        using var home = await client.SendAsAsync(HttpMethod.Get, "/api/v1/timelines/home", reader);
        using var refused = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", writer);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("olga_masto", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        await MastodonSchema.AssertErrorAsync(refused, HttpStatusCode.Forbidden);
    }

    [Theory, Providers]
    public async Task Accounts_are_found_by_id_and_by_username_and_an_unknown_one_is_mastodons_404(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var nils = await client.CreateUserAsync("nils_masto");
        var id = nils.Id;

        var byId = await client.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{id}");
        var byName = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/lookup?acct=@Nils_Masto");
        MastodonSchema.AssertIs("Account", byId);
        MastodonSchema.AssertIs("Account", byName);
        using var unknown = await client.GetAsync("/api/v1/accounts/lookup?acct=nobody_here");
        using var notAnId = await client.GetAsync("/api/v1/accounts/abc");

        Assert.Equal("nils_masto", byId.GetProperty("username").GetString());
        Assert.Equal(id, byName.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Record not found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Theory, Providers]
    public async Task The_home_timeline_shows_coos_as_statuses_with_html_content_replies_and_reposts_as_reblogs(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var reader = await client.CreateUserAsync("rita_masto");
        var author = await client.CreateUserAsync("otto_masto");
        var reposter = await client.CreateUserAsync("paul_masto");
        await client.FollowOkAsync(reader, "otto_masto");
        await client.FollowOkAsync(reader, "paul_masto");
        var first = await client.PostCooOkAsync(author, "first <b>coo</b>");
        using var reply = await client.SendAsAsync(HttpMethod.Post, "/api/v1/coos", author.Tokens.AccessToken, new { text = "@rita_masto see #Mastodon https://example.org/x", inReplyToId = first.Id });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var replyId = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var elsewhere = await client.CreateUserAsync("erin_masto");
        var reposted = await client.PostCooOkAsync(elsewhere, "reposted by paul");
        await client.ReactOkAsync(HttpMethod.Put, reposter, reposted.Id, "repost");

        var statuses = await Eventually.MatchAsync(
            () => HomeAsync(client, reader, "/api/v1/timelines/home"),
            page => page.Count == 3 && page[2].GetProperty("replies_count").GetInt32() == 1,
            TimeSpan.FromSeconds(15),
            "the two coos and the repost on rita's home timeline, the first one's reply counted (Reactions counts replies as they are announced)");

        statuses.ForEach(status => MastodonSchema.AssertIs("Status", status));
        var (repost, answer, original) = (statuses[0], statuses[1], statuses[2]);
        Assert.Equal("paul_masto", repost.GetProperty("account").GetProperty("username").GetString());
        Assert.Equal(reposted.Id, repost.GetProperty("reblog").GetProperty("id").GetString());
        Assert.Equal("erin_masto", repost.GetProperty("reblog").GetProperty("account").GetProperty("username").GetString());
        Assert.NotEqual(reposted.Id, repost.GetProperty("id").GetString());

        Assert.Equal(replyId, answer.GetProperty("id").GetString());
        Assert.Equal(first.Id, answer.GetProperty("in_reply_to_id").GetString());
        Assert.Equal(author.Id, answer.GetProperty("in_reply_to_account_id").GetString());
        var content = answer.GetProperty("content").GetString()!;
        Assert.Contains("<a href=\"http://localhost/@rita_masto\" class=\"u-url mention\">@<span>rita_masto</span></a>", content);
        Assert.Contains("<a href=\"http://localhost/tags/mastodon\" class=\"mention hashtag\" rel=\"tag\">#<span>Mastodon</span></a>", content);
        Assert.Contains("<a href=\"https://example.org/x\"", content);
        Assert.Equal("rita_masto", answer.GetProperty("mentions")[0].GetProperty("acct").GetString());
        Assert.Equal("mastodon", answer.GetProperty("tags")[0].GetProperty("name").GetString());

        Assert.Equal("<p>first &lt;b&gt;coo&lt;/b&gt;</p>", original.GetProperty("content").GetString());
        Assert.Equal("public", original.GetProperty("visibility").GetString());
        Assert.Equal(string.Empty, original.GetProperty("spoiler_text").GetString());
        Assert.Equal(1, original.GetProperty("replies_count").GetInt32());
        Assert.Matches(MastodonTime(), original.GetProperty("created_at").GetString()!);
        Assert.Equal(JsonValueKind.Null, original.GetProperty("reblog").ValueKind);
        Assert.Equal(JsonValueKind.Array, original.GetProperty("media_attachments").ValueKind);
    }

    [Theory, Providers]
    public async Task The_home_timeline_pages_by_max_id_since_id_and_min_id_with_a_link_header_next_first(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var reader = await client.CreateUserAsync("page_masto");
        List<string> posted = [];
        for (var i = 0; i < 5; i++)
        {
            posted.Add((await client.PostCooOkAsync(reader, $"coo {i}")).Id);
        }

        posted.Reverse();
        await Eventually.MatchAsync(() => HomeAsync(client, reader, "/api/v1/timelines/home"), page => page.Count == 5, TimeSpan.FromSeconds(15), "five own coos");

        using var first = await client.SendAsAsync(HttpMethod.Get, "/api/v1/timelines/home?limit=2&limit=2", reader.Tokens.AccessToken);
        Assert.Equal(posted[..2], Ids(await first.Content.ReadFromJsonAsync<JsonElement>()));
        var link = string.Join(',', first.Headers.GetValues("Link"));
        Assert.Matches($"^<http://localhost/api/v1/timelines/home\\?limit=2&max_id={posted[1]}>; rel=\"next\", <http://localhost/api/v1/timelines/home\\?limit=2&min_id={posted[0]}>; rel=\"prev\"$", link);

        var next = link.Split(">;")[0].TrimStart('<');
        Assert.Equal(posted[2..4], Ids(await HomeAsync(client, reader, next)));
        Assert.Equal(posted[..2], Ids(await HomeAsync(client, reader, $"/api/v1/timelines/home?since_id={posted[3]}&limit=2")));
        Assert.Equal(posted[1..3], Ids(await HomeAsync(client, reader, $"/api/v1/timelines/home?min_id={posted[3]}&limit=2")));
        using var bad = await client.SendAsAsync(HttpMethod.Get, "/api/v1/timelines/home?max_id=x", reader.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
    }

    [Theory, Providers]
    public async Task A_tag_timeline_shows_the_tagged_statuses_to_anyone_newest_first_with_mastodons_paging(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var tia = await client.CreateUserAsync("tia_masto");
        var uma = await client.CreateUserAsync("uma_masto");
        List<string> tagged = [];
        for (var i = 0; i < 4; i++)
        {
            tagged.Add((await client.PostCooOkAsync(i % 2 == 0 ? tia : uma, $"#Birding day {i}")).Id);
        }

        await client.PostCooOkAsync(tia, "no tag here");
        tagged.Reverse();
        await Eventually.MatchAsync(
            () => HomeAsync(client, tia, "/api/v1/timelines/tag/birding"), page => page.Count == 4, TimeSpan.FromSeconds(15), "four tagged coos");

        using var first = await client.GetAsync("/api/v1/timelines/tag/BIRDING?limit=2");
        var firstPage = await first.Content.ReadFromJsonAsync<JsonElement>();
        MastodonSchema.AssertAreAll("Status", firstPage);
        Assert.Equal(tagged[..2], Ids(firstPage));
        Assert.Equal("birding", firstPage[0].GetProperty("tags")[0].GetProperty("name").GetString());
        var link = string.Join(',', first.Headers.GetValues("Link"));
        Assert.StartsWith($"<http://localhost/api/v1/timelines/tag/birding?limit=2&max_id={tagged[1]}>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Equal(tagged[2..4], Ids(await HomeAsync(client, tia, link.Split(">;")[0].TrimStart('<'))));
        Assert.Equal(tagged[1..3], Ids(await HomeAsync(client, tia, $"/api/v1/timelines/tag/birding?min_id={tagged[3]}&limit=2")));
        Assert.Equal(tagged[..2], Ids(await HomeAsync(client, tia, $"/api/v1/timelines/tag/birding?since_id={tagged[3]}&limit=2")));
        Assert.Empty(await HomeAsync(client, tia, "/api/v1/timelines/tag/nobodys"));
        Assert.Empty(await HomeAsync(client, tia, "/api/v1/timelines/tag/birding?remote=true"));
        using var combined = await client.GetAsync("/api/v1/timelines/tag/birding?any[]=coo");
        await MastodonSchema.AssertErrorAsync(combined, HttpStatusCode.UnprocessableEntity);
    }

    [Theory, Providers]
    public async Task A_status_is_read_by_id_and_an_unknown_one_is_mastodons_404(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var sam = await client.CreateUserAsync("sam_masto");
        var coo = await client.PostCooOkAsync(sam, "line one\nline two");

        var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/statuses/{coo.Id}");
        using var unknown = await client.GetAsync("/api/v1/statuses/1");
        MastodonSchema.AssertIs("Status", status);

        Assert.Equal("<p>line one<br />line two</p>", status.GetProperty("content").GetString());
        Assert.Equal($"http://localhost/@sam_masto/coo/{coo.Id}", status.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory, Providers]
    public async Task Search_finds_an_account_by_its_exact_name_and_nothing_else(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var vera = await client.CreateUserAsync("vera_masto");

        var byName = await client.GetFromJsonAsync<JsonElement>("/api/v2/search?q=@Vera_Masto@localhost&type=accounts&resolve=true");
        var partial = await client.GetFromJsonAsync<JsonElement>("/api/v2/search?q=vera");

        MastodonSchema.AssertIs("Search", byName);
        Assert.Equal(vera.Id, Assert.Single(byName.GetProperty("accounts").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, byName.GetProperty("statuses").GetArrayLength());
        Assert.Equal(0, partial.GetProperty("accounts").GetArrayLength());
    }

    private static async Task<List<JsonElement>> HomeAsync(HttpClient client, TestUser user, string url)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, url, user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static string?[] Ids(JsonElement page) => [.. page.EnumerateArray().Select(s => s.GetProperty("id").GetString())];

    private static string?[] Ids(List<JsonElement> page) => [.. page.Select(s => s.GetProperty("id").GetString())];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex MastodonTime();
}
