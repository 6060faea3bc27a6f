namespace Coo.IntegrationTests.Timelines;

/// <summary>
/// Hybrid fan-out: an author with more followers than <c>Timeline:LargeAuthorFollowers</c> (lowered to
/// <see cref="CooApiFactory.LargeAuthorFollowers"/> here) is not written to followers' timelines; their coos are merged
/// in when a timeline is read, in exact order and with exact pages.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HybridFanOutTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_large_authors_coos_are_merged_into_followers_timelines_at_read_time_with_exact_pages(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var star = await client.CreateUserAsync("star");
        var friend = await client.CreateUserAsync("friend");
        var fans = new List<TestUser>();
        for (var i = 1; i <= CooApiFactory.LargeAuthorFollowers + 1; i++)
        {
            var fan = await client.CreateUserAsync($"fan{i}");
            await client.FollowOkAsync(fan, "star");
            fans.Add(fan);
        }

        var reader = fans[0];
        await client.FollowOkAsync(reader, "friend");
        await OutboxDrain.WaitAsync(factory);
        var entriesBefore = await DatabaseProbe.CountAsync(factory, "entries", "timeline");

        string[] posted = ["star 1", "friend 1", "star 2", "star 3", "friend 2"];
        foreach (var text in posted)
        {
            await client.PostCooOkAsync(text.StartsWith("star", StringComparison.Ordinal) ? star : friend, text);
        }

        await OutboxDrain.WaitAsync(factory);

        // Each star coo is stored once (the star's own timeline); each friend coo twice (friend's and reader's).
        Assert.Equal(entriesBefore + 3 + (2 * 2), await DatabaseProbe.CountAsync(factory, "entries", "timeline"));
        var pages = new List<string[]>();
        string? cursor = null;
        do
        {
            var page = await client.HomePageAsync(reader, limit: 2, cursor);
            pages.Add([.. page.Items.Select(c => c.Text)]);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([["friend 2", "star 3"], ["star 2", "friend 1"], ["star 1"]], pages);
        await client.HomeTimelineBecomesAsync(fans[1], "star 3", "star 2", "star 1");

        await client.UnfollowOkAsync(reader, "star");
        await OutboxDrain.WaitAsync(factory);

        // The instance that applied the unfollow works out the reader's large authors again on their next read.
        Assert.Equal(["friend 2", "friend 1"], (await client.HomePageAsync(reader)).Items.Select(c => c.Text));
        await client.HomeTimelineBecomesAsync(reader, "friend 2", "friend 1");
    }
}
