using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coo.IntegrationTests.Media;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>
/// The Mastodon-compatible API's writes and the lists they change, through Coo's own commands: posting, replying and
/// deleting statuses, favourites and reblogs, follows and relationships, notifications and context. Every answer is
/// checked against Mastodon's entity schemas.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MastodonWriteTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_status_is_posted_from_a_form_or_json_replied_to_and_deleted_with_its_text_given_back(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ana = await client.CreateUserAsync("ana_write");
        var ben = await client.CreateUserAsync("ben_write");

        var first = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", ana, Form(("status", "hello #Mastodon"), ("visibility", "public")));
        var reply = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", ben, new { status = "@ana_write welcome", in_reply_to_id = Id(first) });

        Assert.Equal("<p>hello <a href=\"http://localhost/tags/mastodon\" class=\"mention hashtag\" rel=\"tag\">#<span>Mastodon</span></a></p>", first.GetProperty("content").GetString());
        Assert.Equal(ana.Id, first.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(Id(first), reply.GetProperty("in_reply_to_id").GetString());
        Assert.Equal(ana.Id, reply.GetProperty("in_reply_to_account_id").GetString());

        var context = await OkAsync(client, HttpMethod.Get, $"/api/v1/statuses/{Id(first)}/context", null);
        MastodonSchema.AssertIs("Context", context);
        Assert.Equal([Id(reply)], Ids(context.GetProperty("descendants")));
        var replyContext = await OkAsync(client, HttpMethod.Get, $"/api/v1/statuses/{Id(reply)}/context", null);
        Assert.Equal([Id(first)], Ids(replyContext.GetProperty("ancestors")));

        var deleted = await StatusAsync(client, HttpMethod.Delete, $"/api/v1/statuses/{Id(reply)}", ben);
        Assert.Equal("@ana_write welcome", deleted.GetProperty("text").GetString());
        using var gone = await client.GetAsync($"/api/v1/statuses/{Id(reply)}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var notHers = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/statuses/{Id(first)}", ben.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, notHers.StatusCode);
    }

    [Theory, Providers]
    public async Task What_coo_does_not_have_is_refused_with_mastodons_422_and_nothing_is_posted(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var cai = await client.CreateUserAsync("cai_write");

        object[] refused =
        [
            new { status = "secret", visibility = "private" },
            new { status = "careful", spoiler_text = "cw" },
            new { status = "vote", poll = new { options = new[] { "a", "b" }, expires_in = 600 } },
            new { status = "later", scheduled_at = "2030-01-01T00:00:00Z" },
            new { status = "" },
            new { status = new string('x', 281) },
        ];
        foreach (var body in refused)
        {
            using var response = await client.SendAsAsync(HttpMethod.Post, "/api/v1/statuses", cai.Tokens.AccessToken, body);
            await MastodonSchema.AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity);
        }

        var statuses = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{cai.Id}/statuses", null);
        Assert.Equal(0, statuses.GetArrayLength());
    }

    [Theory, Providers]
    public async Task A_retry_with_the_same_idempotency_key_answers_the_same_status(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var dan = await client.CreateUserAsync("dan_write");

        var first = await PostWithKeyAsync(client, dan, "once only", "key-1");
        var retry = await PostWithKeyAsync(client, dan, "once only", "key-1");

        Assert.Equal(Id(first), Id(retry));
        Assert.Equal(1, (await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{dan.Id}/statuses", null)).GetArrayLength());
    }

    [Theory, Providers]
    public async Task Favourites_and_reblogs_show_on_the_status_and_in_who_did_them_and_undo(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var eva = await client.CreateUserAsync("eva_write");
        var fin = await client.CreateUserAsync("fin_write");
        var coo = await client.PostCooOkAsync(eva, "react to me");

        var favourited = await StatusAsync(client, HttpMethod.Post, $"/api/v1/statuses/{coo.Id}/favourite", fin);
        var again = await StatusAsync(client, HttpMethod.Post, $"/api/v1/statuses/{coo.Id}/favourite", fin);
        var reblog = await StatusAsync(client, HttpMethod.Post, $"/api/v1/statuses/{coo.Id}/reblog", fin);

        Assert.True(favourited.GetProperty("favourited").GetBoolean());
        Assert.Equal(1, again.GetProperty("favourites_count").GetInt32());
        Assert.Equal(fin.Id, reblog.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(coo.Id, reblog.GetProperty("reblog").GetProperty("id").GetString());
        Assert.True(reblog.GetProperty("reblog").GetProperty("reblogged").GetBoolean());
        var favouritedBy = await OkAsync(client, HttpMethod.Get, $"/api/v1/statuses/{coo.Id}/favourited_by", null);
        MastodonSchema.AssertAreAll("Account", favouritedBy);
        Assert.Equal([fin.Id], Ids(favouritedBy));
        Assert.Equal([fin.Id], Ids(await OkAsync(client, HttpMethod.Get, $"/api/v1/statuses/{coo.Id}/reblogged_by", null)));

        var unfavourited = await StatusAsync(client, HttpMethod.Post, $"/api/v1/statuses/{coo.Id}/unfavourite", fin);
        var unreblogged = await StatusAsync(client, HttpMethod.Post, $"/api/v1/statuses/{coo.Id}/unreblog", fin);

        Assert.False(unfavourited.GetProperty("favourited").GetBoolean());
        Assert.Equal(0, unfavourited.GetProperty("favourites_count").GetInt32());
        Assert.False(unreblogged.GetProperty("reblogged").GetBoolean());
        Assert.Equal(0, (await OkAsync(client, HttpMethod.Get, $"/api/v1/statuses/{coo.Id}/reblogged_by", null)).GetArrayLength());
        using var unknown = await client.SendAsAsync(HttpMethod.Post, "/api/v1/statuses/1/favourite", fin.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory, Providers]
    public async Task Following_answers_the_relationship_and_shows_in_both_lists_until_unfollowed(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var gil = await client.CreateUserAsync("gil_write");
        var hal = await client.CreateUserAsync("hal_write");
        await client.FollowOkAsync(hal, "gil_write");

        var followed = await OkAsync(client, HttpMethod.Post, $"/api/v1/accounts/{hal.Id}/follow", gil.Tokens.AccessToken);
        MastodonSchema.AssertIs("Relationship", followed);
        Assert.True(followed.GetProperty("following").GetBoolean());
        Assert.True(followed.GetProperty("followed_by").GetBoolean());

        var relationships = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/relationships?id[]={hal.Id}&id[]={gil.Id}&id[]=1", gil.Tokens.AccessToken);
        MastodonSchema.AssertAreAll("Relationship", relationships);
        Assert.Equal([hal.Id, gil.Id], Ids(relationships));
        Assert.Equal([gil.Id], Ids(await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{hal.Id}/followers", null)));
        Assert.Equal([hal.Id], Ids(await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{gil.Id}/following", null)));

        var unfollowed = await OkAsync(client, HttpMethod.Post, $"/api/v1/accounts/{hal.Id}/unfollow", gil.Tokens.AccessToken);
        Assert.False(unfollowed.GetProperty("following").GetBoolean());
        Assert.Equal(0, (await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{hal.Id}/followers", null)).GetArrayLength());
        using var self = await client.SendAsAsync(HttpMethod.Post, $"/api/v1/accounts/{gil.Id}/follow", gil.Tokens.AccessToken);
        await MastodonSchema.AssertErrorAsync(self, HttpStatusCode.UnprocessableEntity);
    }

    [Theory, Providers]
    public async Task A_list_of_accounts_names_a_next_page_only_after_a_full_one_as_Mastodon_does(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ivy = await client.CreateUserAsync("ivy_write");
        foreach (var name in new[] { "jay_write", "kit_write", "lea_write" })
        {
            await client.FollowOkAsync(await client.CreateUserAsync(name), "ivy_write");
        }

        using var full = await client.GetAsync($"/api/v1/accounts/{ivy.Id}/followers?limit=2");
        var next = full.Headers.GetValues("Link").Single().Split(", ")[0];
        Assert.EndsWith("rel=\"next\"", next, StringComparison.Ordinal);
        using var last = await client.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        using var empty = await client.GetAsync($"/api/v1/accounts/{ivy.Id}/followers?limit=2&max_id=1");

        Assert.Equal(2, (await full.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(1, (await last.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.DoesNotContain("rel=\"next\"", last.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", last.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.False(empty.Headers.Contains("Link"));
    }

    [Theory, Providers]
    public async Task Notifications_come_one_by_one_with_mastodons_types_filtered_and_paged(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ida = await client.CreateUserAsync("ida_write");
        var jon = await client.CreateUserAsync("jon_write");
        var kim = await client.CreateUserAsync("kim_write");
        var coo = await client.PostCooOkAsync(ida, "notice me");
        await client.FollowOkAsync(jon, "ida_write");
        await client.ReactOkAsync(HttpMethod.Put, jon, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, kim, coo.Id, "like");
        await client.ReactOkAsync(HttpMethod.Put, kim, coo.Id, "repost");
        await client.PostCooOkAsync(kim, "hi @ida_write");

        var all = await Eventually.MatchAsync(
            () => OkAsync(client, HttpMethod.Get, "/api/v1/notifications", ida.Tokens.AccessToken),
            page => page.GetArrayLength() == 5,
            TimeSpan.FromSeconds(15),
            "a follow, two favourites, a reblog and a mention");

        MastodonSchema.AssertAreAll("Notification", all);
        Assert.Equal(["mention", "reblog", "favourite", "favourite", "follow"], all.EnumerateArray().Select(n => n.GetProperty("type").GetString()));
        Assert.Equal(coo.Id, all[1].GetProperty("status").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, all[4].GetProperty("status").ValueKind);
        Assert.Equal(jon.Id, all[4].GetProperty("account").GetProperty("id").GetString());

        var favourites = await OkAsync(client, HttpMethod.Get, "/api/v1/notifications?types[]=favourite", ida.Tokens.AccessToken);
        Assert.Equal([kim.Id, jon.Id], favourites.EnumerateArray().Select(n => n.GetProperty("account").GetProperty("id").GetString()));
        var withoutFavourites = await OkAsync(client, HttpMethod.Get, "/api/v1/notifications?exclude_types[]=favourite&exclude_types[]=mention", ida.Tokens.AccessToken);
        Assert.Equal(["reblog", "follow"], withoutFavourites.EnumerateArray().Select(n => n.GetProperty("type").GetString()));

        using var firstPage = await client.SendAsAsync(HttpMethod.Get, "/api/v1/notifications?limit=2", ida.Tokens.AccessToken);
        var next = firstPage.FirstLinkTarget();
        var secondPage = await OkAsync(client, HttpMethod.Get, next, ida.Tokens.AccessToken);
        Assert.Equal(Ids(all).Skip(2).Take(2), Ids(secondPage));
        using var firstFiltered = await client.SendAsAsync(HttpMethod.Get, "/api/v1/notifications?exclude_types[]=favourite&exclude_types[]=mention&limit=1", ida.Tokens.AccessToken);
        var nextFiltered = firstFiltered.FirstLinkTarget();
        Assert.Equal(["follow"], (await OkAsync(client, HttpMethod.Get, nextFiltered, ida.Tokens.AccessToken)).EnumerateArray().Select(n => n.GetProperty("type").GetString()));

        var one = await OkAsync(client, HttpMethod.Get, $"/api/v1/notifications/{Id(all[1])}", ida.Tokens.AccessToken);
        MastodonSchema.AssertIs("Notification", one);
        Assert.Equal(all[1].GetRawText(), one.GetRawText());
        using var othersNotification = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/notifications/{Id(all[1])}", jon.Tokens.AccessToken);
        await MastodonSchema.AssertErrorAsync(othersNotification, HttpStatusCode.NotFound);
    }

    [Theory, Providers]
    public async Task An_uploaded_image_is_read_back_by_its_owner_and_attached_to_a_status_and_what_coo_cannot_take_is_refused(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var noa = await client.CreateUserAsync("noa_write");
        var oli = await client.CreateUserAsync("oli_write");

        var uploaded = await OkAsync(client, HttpMethod.Post, "/api/v2/media", noa.Tokens.AccessToken, MediaForms.Image("A green square"));
        MastodonSchema.AssertIs("MediaAttachment", uploaded);
        Assert.Equal("image", uploaded.GetProperty("type").GetString());
        Assert.Equal("A green square", uploaded.GetProperty("description").GetString());
        Assert.Equal(4, uploaded.GetProperty("meta").GetProperty("original").GetProperty("width").GetInt32());
        Assert.StartsWith("http://localhost/api/v1/media/files/", uploaded.GetProperty("url").GetString(), StringComparison.Ordinal);
        using var file = await client.GetAsync(uploaded.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);

        var readBack = await OkAsync(client, HttpMethod.Get, $"/api/v1/media/{Id(uploaded)}", noa.Tokens.AccessToken);
        Assert.Equal(uploaded.GetRawText(), readBack.GetRawText());
        using var othersUpload = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/media/{Id(uploaded)}", oli.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, othersUpload.StatusCode);
        using var coosOwnRoute = await client.GetAsync("/api/v1/media/files/");
        Assert.Equal(HttpStatusCode.NotFound, coosOwnRoute.StatusCode);
        Assert.Equal("application/problem+json", coosOwnRoute.Content.Headers.ContentType?.MediaType);

        var status = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", noa, Form(("status", "look"), ("media_ids[]", Id(uploaded))));
        Assert.Equal(Id(uploaded), Id(status.GetProperty("media_attachments")[0]));
        Assert.Equal(uploaded.GetProperty("url").GetString(), status.GetProperty("media_attachments")[0].GetProperty("url").GetString());

        foreach (var (content, why) in new (HttpContent, string)[]
        {
            (MediaForms.Image(description: null), "no description"),
            (MediaForms.NotAnImage("not an image"), "not an image"),
            (Form(("description", "no file")), "not multipart"),
        })
        {
            using var refused = await client.SendAsAsync(HttpMethod.Post, "/api/v2/media", noa.Tokens.AccessToken, content);
            Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, $"{why}: {(int)refused.StatusCode}");
            MastodonSchema.AssertIs("Error", await refused.Content.ReadFromJsonAsync<JsonElement>());
        }
    }

    [Theory, Providers]
    public async Task Update_credentials_changes_the_display_name_and_note_and_refuses_what_coo_does_not_have(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var mia = await client.CreateUserAsync("mia_write");

        var updated = await OkAsync(client, HttpMethod.Patch, "/api/v1/accounts/update_credentials", mia.Tokens.AccessToken, Form(("display_name", "Mia M."), ("note", "bio <b>here</b>")));
        MastodonSchema.AssertIs("CredentialAccount", updated);
        Assert.Equal("Mia M.", updated.GetProperty("display_name").GetString());
        Assert.Equal("<p>bio &lt;b&gt;here&lt;/b&gt;</p>", updated.GetProperty("note").GetString());
        Assert.Equal("bio <b>here</b>", updated.GetProperty("source").GetProperty("note").GetString());

        // As clients send them: an avatar as a file, profile fields as a nested form.
        var avatar = new MultipartFormDataContent { { new StringContent("Mia A."), "display_name" }, { new ByteArrayContent(TestImages.Png(64, 64)), "avatar", "avatar.png" } };
        var fields = Form(("display_name", "Mia F."), ("fields_attributes[0][name]", "site"), ("fields_attributes[0][value]", "https://example.org"));
        var jsonFields = new { display_name = "Mia J.", fields_attributes = new[] { new { name = "site", value = "https://example.org" } } };
        foreach (var body in new object[] { new { locked = true }, new { display_name = new string('x', 200) }, avatar, fields, jsonFields })
        {
            using var refused = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/accounts/update_credentials", mia.Tokens.AccessToken, body);
            await MastodonSchema.AssertErrorAsync(refused, HttpStatusCode.UnprocessableEntity);
        }

        Assert.Equal("Mia M.", (await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{mia.Id}", null)).GetProperty("display_name").GetString());

        // An editor that sends its empty field rows with every save still saves.
        var emptyRows = await OkAsync(client, HttpMethod.Patch, "/api/v1/accounts/update_credentials", mia.Tokens.AccessToken, Form(
            ("display_name", "Mia E."), ("fields_attributes[0][name]", ""), ("fields_attributes[0][value]", "")));
        Assert.Equal("Mia E.", emptyRows.GetProperty("display_name").GetString());
    }

    [Theory, Providers]
    public async Task A_status_of_images_alone_is_posted_as_on_mastodon(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var pia = await client.CreateUserAsync("pia_write");
        var image = await MediaApi.UploadOkAsync(client, pia, TestImages.Png(300, 200), "drawing.png", "image/png", "A green square");

        var status = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", pia, new { media_ids = new[] { image.Id } });

        Assert.Equal([image.Id], status.GetProperty("media_attachments").EnumerateArray().Select(Id));
    }

    [Theory, Providers]
    public async Task An_accounts_statuses_page_newest_first_by_mastodons_parameters(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var lou = await client.CreateUserAsync("lou_write");
        List<string> posted = [];
        for (var i = 0; i < 4; i++)
        {
            posted.Add((await client.PostCooOkAsync(lou, $"coo {i}")).Id);
        }

        posted.Reverse();
        using var first = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/accounts/{lou.Id}/statuses?limit=2", null);
        var page = await first.Content.ReadFromJsonAsync<JsonElement>();
        MastodonSchema.AssertAreAll("Status", page);
        Assert.Equal(posted[..2], Ids(page));
        var next = first.FirstLinkTarget();
        Assert.Equal(posted[2..], Ids(await OkAsync(client, HttpMethod.Get, next, null)));
        Assert.Equal(posted[1..3], Ids(await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{lou.Id}/statuses?min_id={posted[3]}&limit=2", null)));
        Assert.Equal(0, (await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{lou.Id}/statuses?pinned=true", null)).GetArrayLength());
    }

    [Theory, Providers]
    public async Task An_accounts_statuses_leave_out_replies_to_others_when_asked_and_pinned_true_is_the_pinned_coo_alone(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var nell = await client.CreateUserAsync("nell_write");
        var otto = await client.CreateUserAsync("otto_write");
        var ottos = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", otto, new { status = "a question" });
        var first = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", nell, new { status = "a thought" });
        var thread = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", nell, new { status = "and another", in_reply_to_id = Id(first) });
        var answer = await StatusAsync(client, HttpMethod.Post, "/api/v1/statuses", nell, new { status = "an answer", in_reply_to_id = Id(ottos) });
        using var pin = await client.SendAsAsync(HttpMethod.Put, "/api/v1/users/me/pinned-coo", nell.Tokens.AccessToken, new { cooId = Id(first) });

        var all = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{nell.Id}/statuses", null);
        var withoutReplies = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{nell.Id}/statuses?exclude_replies=true", null);
        var pinnedSeenByNell = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{nell.Id}/statuses?pinned=true", nell.Tokens.AccessToken);
        var pinnedSeenByAnyone = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{nell.Id}/statuses?pinned=true", null);
        var pinnedOnALaterPage = await OkAsync(client, HttpMethod.Get, $"/api/v1/accounts/{nell.Id}/statuses?pinned=true&max_id={Id(first)}", null);

        Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        Assert.Equal([Id(answer), Id(thread), Id(first)], Ids(all));
        Assert.Equal([Id(thread), Id(first)], Ids(withoutReplies)); // Her own thread stays, as on Mastodon.
        MastodonSchema.AssertAreAll("Status", pinnedSeenByNell);
        Assert.Equal([Id(first)], Ids(pinnedSeenByNell));
        Assert.True(pinnedSeenByNell[0].GetProperty("pinned").GetBoolean());
        Assert.Equal([Id(first)], Ids(pinnedSeenByAnyone));
        Assert.False(pinnedSeenByAnyone[0].GetProperty("pinned").GetBoolean());
        Assert.Empty(Ids(pinnedOnALaterPage));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<JsonElement> PostWithKeyAsync(HttpClient client, TestUser user, string text, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statuses") { Content = JsonContent.Create(new { status = text }) };
        request.Authorized(user.Tokens.AccessToken);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, HttpMethod method, string url, TestUser user, object? body = null)
    {
        var status = await OkAsync(client, method, url, user.Tokens.AccessToken, body);
        MastodonSchema.AssertIs("Status", status);
        return status;
    }

    private static async Task<JsonElement> OkAsync(HttpClient client, HttpMethod method, string url, string? token, object? body = null)
    {
        using var response = await client.SendAsAsync(method, url, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Ids(JsonElement page) => [.. page.EnumerateArray().Select(Id)];

    private static string Id(JsonElement entity) => entity.GetProperty("id").GetString()!;
}
