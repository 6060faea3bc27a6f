using System.Text.Json;

namespace Coo.IntegrationTests.Security;

/// <summary>Cursors are opaque and verified: only one the API handed out for that list is accepted.</summary>
[Collection(ApiCollection.Name)]
public sealed class CursorTests(ApiFixture fixture)
{
    /// <summary>Every paged list, for a user who has coos, followers and followees.</summary>
    private static readonly string[] Lists =
    [
        "/api/v1/users/pager/coos",
        "/api/v1/users/pager/followers",
        "/api/v1/users/pager/following",
        "/api/v1/users/me/timeline",
    ];

    [Theory, Providers]
    public async Task Hand_built_and_tampered_cursors_are_a_400_problem_on_every_list(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var pager = await PrepareAsync(client);

        foreach (var list in Lists)
        {
            var real = await FirstCursorAsync(client, pager, list);
            var tampered = new[]
            {
                "djE6MQ", // "v1:1", built by hand
                "djE6OTIyMzM3MjAzNjg1NDc3NTgwNw", // "v1:9223372036854775807"
                real + "AAAA",
                real[..^1] + (real[^1] == 'A' ? 'B' : 'A'),
                real[1..],
                "",
            };

            foreach (var cursor in tampered)
            {
                using var response = await client.SendAsAsync(HttpMethod.Get, $"{list}?limit=2&cursor={cursor}", pager.Tokens.AccessToken);

                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{list} with cursor '{cursor}': {(int)response.StatusCode}");
                var problem = await response.ReadProblemAsync();
                Assert.Equal("urn:coo:problem:validation", problem.GetProperty("type").GetString());
                Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
            }
        }
    }

    [Theory, Providers]
    public async Task A_cursor_of_one_list_is_refused_by_another(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var pager = await PrepareAsync(client);
        var followersCursor = await FirstCursorAsync(client, pager, "/api/v1/users/pager/followers");

        using var response = await client.GetAsync($"/api/v1/users/pager/coos?limit=2&cursor={followersCursor}");
        using var anothersFollowers = await client.GetAsync($"/api/v1/users/friend1/followers?limit=2&cursor={followersCursor}");
        using var sameListOtherCase = await client.GetAsync($"/api/v1/users/PAGER/followers?limit=2&cursor={followersCursor}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, anothersFollowers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameListOtherCase.StatusCode);
    }

    [Theory, Providers]
    public async Task Real_cursors_page_through_every_list_without_repeats_or_gaps(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var pager = await PrepareAsync(client);

        foreach (var (list, expected) in new[] { (Lists[0], 5), (Lists[1], 5), (Lists[2], 5), (Lists[3], 10) })
        {
            var seen = new List<string>();
            var url = $"{list}?limit=2";
            for (var pages = 0; url is not null; pages++)
            {
                Assert.True(pages < 10, $"{list} does not end");
                using var response = await client.SendAsAsync(HttpMethod.Get, url, pager.Tokens.AccessToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await response.Content.ReadFromJsonAsync<JsonElement>();
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
                url = page.GetProperty("nextCursor").GetString() is { } next ? $"{list}?limit=2&cursor={next}" : null;
            }

            Assert.Equal(expected, seen.Count);
            Assert.Equal(expected, seen.Distinct().Count());
        }
    }

    /// <summary>"pager" posts 5 coos, follows 5 people who each post one coo, and is followed by them.</summary>
    private static async Task<TestUser> PrepareAsync(HttpClient client)
    {
        var pager = await client.CreateUserAsync("pager");
        for (var i = 1; i <= 5; i++)
        {
            await client.PostCooOkAsync(pager, $"coo {i}");
            var friend = await client.CreateUserAsync($"friend{i}");
            await client.FollowOkAsync(pager, friend.Username);
            await client.FollowOkAsync(friend, pager.Username);
            await client.PostCooOkAsync(friend, $"from friend {i}");
        }

        await Eventually.MatchAsync(
            async () =>
            {
                using var home = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline?limit=100", pager.Tokens.AccessToken);
                return (await home.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
            },
            count => count == 10,
            what: "ten coos on the home timeline");
        return pager;
    }

    private static async Task<string> FirstCursorAsync(HttpClient client, TestUser pager, string list)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, $"{list}?limit=2", pager.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("nextCursor").GetString()!;
    }
}
