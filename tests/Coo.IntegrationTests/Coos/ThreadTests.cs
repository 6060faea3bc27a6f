namespace Coo.IntegrationTests.Coos;

/// <summary>
/// A coo's thread: the coos it answers from the root down, the coo, and the replies below it depth first, siblings
/// oldest first, each with its depth; a deleted coo keeps the thread's shape as a placeholder while anything hangs below it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ThreadTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_thread_lists_the_ancestors_the_coo_and_its_replies_depth_first_with_their_depths_page_by_page(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var bea = await client.CreateUserAsync("bea");
        var root = await client.PostCooOkAsync(ada, "root");
        var a = await client.ReplyOkAsync(bea, root.Id, "a");
        var b = await client.ReplyOkAsync(ada, root.Id, "b");
        var a1 = await client.ReplyOkAsync(ada, a.Id, "a1");
        await client.ReplyOkAsync(bea, b.Id, "b1");
        var a1x = await client.ReplyOkAsync(bea, a1.Id, "a1x");
        await client.ReplyOkAsync(bea, a.Id, "a2");
        await client.PostCooOkAsync(ada, "another conversation");

        var whole = await client.WholeThreadAsync(root.Id);
        var paged = await client.WholeThreadAsync(root.Id, pageSize: 2);
        var ofA = await client.WholeThreadAsync(a.Id, pageSize: 3);
        var ofLeaf = await client.WholeThreadAsync(a1x.Id);
        using var first = await client.GetAsync($"/api/v1/coos/{root.Id}/thread?limit=3");
        var next = first.Headers.GetValues("Link").Single();

        Assert.Equal(["0 root", "1 a", "2 a1", "3 a1x", "2 a2", "1 b", "2 b1"], whole.Shape());
        Assert.Equal(whole.Select(e => (e.Id, e.Depth)), paged.Select(e => (e.Id, e.Depth)));
        Assert.Equal(["-1 root", "0 a", "1 a1", "2 a1x", "1 a2"], ofA.Shape());
        Assert.Equal(["-3 root", "-2 a", "-1 a1", "0 a1x"], ofLeaf.Shape());
        Assert.Equal(new RepliedTo(a.Id, new Author(bea.Id, "bea", "bea")), whole[2].Coo!.InReplyTo);
        Assert.StartsWith($"<http://localhost/api/v1/coos/{root.Id}/thread?limit=3&cursor=", next, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Replies_posted_while_paging_below_the_last_page_shown_appear_and_nothing_repeats(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var root = await client.PostCooOkAsync(ada, "root");
        var a = await client.ReplyOkAsync(ada, root.Id, "a");
        await client.ReplyOkAsync(ada, root.Id, "b");

        var firstPage = await client.ThreadPageAsync(root.Id, pageSize: 2);
        await client.ReplyOkAsync(ada, a.Id, "a1, posted while paging");
        await client.ReplyOkAsync(ada, root.Id, "c, posted while paging");
        var rest = await client.ThreadPageAsync(root.Id, pageSize: 10, firstPage.NextCursor);

        Assert.Equal(["0 root", "1 a"], firstPage.Items.Shape());
        Assert.Equal(["2 a1, posted while paging", "1 b", "1 c, posted while paging"], rest.Items.Shape());
        Assert.Null(rest.NextCursor);
    }

    [Theory, Providers]
    public async Task A_deleted_coo_in_the_middle_of_a_thread_is_a_placeholder_its_replies_stay_and_a_deleted_leaf_is_gone(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var bea = await client.CreateUserAsync("bea");
        var root = await client.PostCooOkAsync(ada, "root");
        var middle = await client.ReplyOkAsync(bea, root.Id, "middle");
        var below = await client.ReplyOkAsync(ada, middle.Id, "below");
        var bottom = await client.ReplyOkAsync(bea, below.Id, "bottom");
        var leaf = await client.ReplyOkAsync(bea, root.Id, "leaf");

        await DeleteOkAsync(client, bea, middle.Id);
        await DeleteOkAsync(client, bea, leaf.Id);
        var thread = await client.WholeThreadAsync(root.Id);
        var ofBottom = await client.WholeThreadAsync(bottom.Id, pageSize: 1);
        using var ofDeleted = await client.GetAsync($"/api/v1/coos/{middle.Id}/thread");
        var belowNow = await client.ReplyItemAsync(below.Id);

        await DeleteOkAsync(client, bea, bottom.Id);
        await DeleteOkAsync(client, ada, below.Id);
        var emptied = await client.WholeThreadAsync(root.Id);

        Assert.Equal(["0 root", "1 (deleted)", "2 below", "3 bottom"], thread.Shape());
        Assert.Equal(new ThreadEntry(middle.Id, 1, true, null), thread[1]);
        Assert.Equal(["-3 root", "-2 (deleted)", "-1 below", "0 bottom"], ofBottom.Shape());
        Assert.Equal(HttpStatusCode.NotFound, ofDeleted.StatusCode);
        Assert.Equal("urn:coo:problem:coos.not-found", (await ofDeleted.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(new RepliedTo(middle.Id, new Author(bea.Id, "bea", "bea")), belowNow.InReplyTo);
        Assert.Equal(["0 root"], emptied.Shape());
    }

    [Theory, Providers]
    public async Task An_unknown_coo_has_no_thread_and_a_bad_limit_or_cursor_is_a_400_problem(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var root = await client.PostCooOkAsync(ada, "root");
        await client.ReplyOkAsync(ada, root.Id, "a");
        await client.ReplyOkAsync(ada, root.Id, "b");
        var cursor = (await client.ThreadPageAsync(root.Id, pageSize: 1)).NextCursor!;

        using var unknown = await client.GetAsync("/api/v1/coos/12345/thread");
        using var badLimit = await client.GetAsync($"/api/v1/coos/{root.Id}/thread?limit=0");
        using var tampered = await client.GetAsync($"/api/v1/coos/{root.Id}/thread?cursor={cursor[..^1]}{(cursor[^1] == 'A' ? 'B' : 'A')}");
        using var ofUserCoos = await client.GetAsync($"/api/v1/users/ada/coos?cursor={cursor}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:coo:problem:coos.not-found", (await unknown.ReadProblemAsync()).GetProperty("type").GetString());
        foreach (var refused in new[] { badLimit, tampered, ofUserCoos })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("urn:coo:problem:validation", (await refused.ReadProblemAsync()).GetProperty("type").GetString());
        }
    }

    private static async Task DeleteOkAsync(HttpClient client, TestUser author, string cooId)
    {
        using var response = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{cooId}", author.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
