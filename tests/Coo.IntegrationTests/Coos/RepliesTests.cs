using Coo.IntegrationTests.Security;

namespace Coo.IntegrationTests.Coos;

/// <summary>Replies name the coo they answer and its author, and every coo counts its replies.</summary>
[Collection(ApiCollection.Name)]
public sealed class RepliesTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_reply_names_the_coo_it_answers_and_its_author_and_the_replies_count_rises_and_falls(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var bea = await client.CreateUserAsync("bea");
        var cato = await client.CreateUserAsync("cato");
        var root = await client.PostCooOkAsync(ada, "a question");

        var first = await client.ReplyOkAsync(bea, root.Id, "an answer");
        var second = await client.ReplyOkAsync(cato, root.Id, "another answer");
        var counted = await client.RepliesCountBecomesAsync(root.Id, 2);
        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{first.Id}", bea.Tokens.AccessToken);
        var afterDelete = await client.RepliesCountBecomesAsync(root.Id, 1);

        Assert.Equal(new RepliedTo(root.Id, new Author(ada.Id, "ada", "ada")), first.InReplyTo);
        Assert.Equal(first.InReplyTo, (await client.ReplyItemAsync(second.Id)).InReplyTo);
        Assert.Null(counted.InReplyTo);
        Assert.Equal(0, (await client.ReplyItemAsync(second.Id)).RepliesCount);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(1, afterDelete.RepliesCount);
    }

    [Theory, Providers]
    public async Task Every_page_of_coos_carries_the_replies_count_and_whom_a_reply_answers(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var bea = await client.CreateUserAsync("bea");
        var root = await client.PostCooOkAsync(ada, "talk to me");
        var reply = await client.ReplyOkAsync(ada, root.Id, "talking to myself");
        await client.ReplyOkAsync(bea, reply.Id, "I hear you");
        await client.RepliesCountBecomesAsync(reply.Id, 1);

        var adasCoos = await client.WholeListAsync<ReplyItem>("/api/v1/users/ada/coos", pageSize: 10);

        Assert.Equal([(reply.Id, 1, (string?)root.Id), (root.Id, 1, null)], adasCoos.Select(c => (c.Id, c.RepliesCount, c.InReplyTo?.Id)));
    }

    [Theory, Providers]
    public async Task Many_people_replying_at_once_are_all_counted(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var root = await client.PostCooOkAsync(ada, "everyone has an opinion");
        var repliers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.CreateUserAsync($"replier{i}")));

        await Task.WhenAll(repliers.Select(r => client.ReplyOkAsync(r, root.Id, $"{r.Username} thinks so")));

        Assert.Equal(10, (await client.RepliesCountBecomesAsync(root.Id, 10)).RepliesCount);
        Assert.Equal(11, (await client.WholeThreadAsync(root.Id, pageSize: 3)).Count);
    }

    [Theory, Providers]
    public async Task Replying_to_a_missing_or_deleted_coo_is_a_422_problem_that_changes_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var bea = await client.CreateUserAsync("bea");
        var gone = await client.PostCooOkAsync(ada, "soon gone");
        (await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{gone.Id}", ada.Tokens.AccessToken)).Dispose();
        var before = await StateSnapshot.TakeAsync(factory, "bea");

        using var toDeleted = await client.ReplyAsync(bea, gone.Id, "too late");
        using var toUnknown = await client.ReplyAsync(bea, "12345", "to nobody");
        using var german = new HttpRequestMessage(HttpMethod.Post, "/api/v1/coos") { Content = JsonContent.Create(new { text = "zu spät", inReplyToId = gone.Id }) };
        german.Authorized(bea.Tokens.AccessToken).Headers.AcceptLanguage.ParseAdd("de");
        using var inGerman = await client.SendAsync(german);

        var problems = new List<System.Text.Json.JsonElement>();
        foreach (var refused in new[] { toDeleted, toUnknown, inGerman })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            problems.Add(await refused.ReadProblemAsync());
        }

        Assert.All(problems, p => Assert.Equal("urn:coo:problem:coos.reply-to-missing", p.GetProperty("type").GetString()));
        Assert.Equal("The coo you reply to does not exist or was deleted.", problems[1].GetProperty("detail").GetString());
        Assert.Equal("Der Coo, auf den du antwortest, existiert nicht oder wurde gelöscht.", problems[2].GetProperty("detail").GetString());
        Assert.Equal(before, await StateSnapshot.TakeAsync(factory, "bea"));
    }

    [Theory, Providers]
    public async Task Deleting_the_coo_a_reply_answers_keeps_the_reply_and_it_still_names_that_coo(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var bea = await client.CreateUserAsync("bea");
        var root = await client.PostCooOkAsync(ada, "I may take this back");
        var reply = await client.ReplyOkAsync(bea, root.Id, "too late, I saw it");
        var ownReply = await client.ReplyOkAsync(bea, reply.Id, "and I said so");

        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{root.Id}", ada.Tokens.AccessToken);
        using var rootThread = await client.GetAsync($"/api/v1/coos/{root.Id}/thread");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rootThread.StatusCode);
        Assert.Equal(new RepliedTo(root.Id, new Author(ada.Id, "ada", "ada")), (await client.ReplyItemAsync(reply.Id)).InReplyTo);
        Assert.Equal(["-1 (deleted)", "0 too late, I saw it", "1 and I said so"], (await client.WholeThreadAsync(reply.Id)).Shape());
        Assert.Equal(root.Id, (await client.WholeThreadAsync(ownReply.Id))[0].Id);
        Assert.Equal(1, (await client.RepliesCountBecomesAsync(reply.Id, 1)).RepliesCount);
    }
}
