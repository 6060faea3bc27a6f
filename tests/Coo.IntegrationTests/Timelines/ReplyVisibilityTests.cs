using System.Net.Http.Json;

namespace Coo.IntegrationTests.Timelines;

/// <summary>
/// The home timeline's rule for replies: a reply shows only to those who follow both the replier and the person replied
/// to (being that person counts as following them); your own replies always show to you.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReplyVisibilityTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_reply_reaches_only_followers_of_both_people_and_following_or_unfollowing_the_one_replied_to_adds_or_removes_it(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ann = await client.CreateUserAsync("r_ann");
        var ben = await client.CreateUserAsync("r_ben");
        var both = await client.CreateUserAsync("r_both");
        var onlyBen = await client.CreateUserAsync("r_only_ben");
        await client.FollowOkAsync(both, "r_ann");
        await client.FollowOkAsync(both, "r_ben");
        await client.FollowOkAsync(onlyBen, "r_ben");
        await client.FollowOkAsync(ann, "r_ben");

        await client.PostCooOkAsync(ann, "question");
        var question = (await client.WholeHomeTimelineAsync(ann)).Single();
        await ReplyOkAsync(client, ben, "answer", question.Id);

        await client.HomeTimelineBecomesAsync(both, "answer", "question");
        await client.HomeTimelineBecomesAsync(ann, "answer", "question");
        await client.HomeTimelineBecomesAsync(ben, "answer");
        await client.PostCooOkAsync(ben, "marker");
        await client.HomeTimelineBecomesAsync(onlyBen, "marker");

        await client.FollowOkAsync(onlyBen, "r_ann");
        await client.HomeTimelineBecomesAsync(onlyBen, "marker", "answer", "question");

        await client.UnfollowOkAsync(both, "r_ann");
        await client.HomeTimelineBecomesAsync(both, "marker");
    }

    [Theory, Providers]
    public async Task A_reply_to_someone_unknown_or_deleted_is_refused_and_changes_nothing(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ann = await client.CreateUserAsync("r_ann");
        var coo = await client.PostCooOkAsync(ann, "soon gone");
        using (var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", ann.Tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var parent in new[] { coo.Id, "123456789" })
        {
            using var reply = await PostReplyAsync(client, ann, "into the void", parent);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.StatusCode);
            Assert.Equal("urn:coo:problem:coos.reply-to-missing", (await reply.ReadProblemAsync()).GetProperty("type").GetString());
        }

        Assert.Empty(await client.WholeHomeTimelineAsync(ann));
    }

    internal static async Task<CooItem> ReplyOkAsync(HttpClient client, TestUser user, string text, string inReplyToId)
    {
        using var response = await PostReplyAsync(client, user, text, inReplyToId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CooItem>())!;
    }

    private static async Task<HttpResponseMessage> PostReplyAsync(HttpClient client, TestUser user, string text, string inReplyToId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/coos") { Content = JsonContent.Create(new { text, inReplyToId }) };
        request.Authorized(user.Tokens.AccessToken);
        return await client.SendAsync(request);
    }
}
