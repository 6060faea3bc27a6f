using System.Globalization;
using System.Text.Json;

namespace Coo.IntegrationTests.Coos;

/// <summary>The web client draws its counter from <c>GET /api/v1/coos/limits</c>: the published numbers are the enforced ones.</summary>
[Collection(ApiCollection.Name)]
public sealed class CooLimitsTests(ApiFixture fixture)
{
    private sealed record CooLimits(int MaxLength, int MaxCodeUnits, int CharactersPerUrl);

    [Theory, Providers]
    public async Task The_published_limits_are_exactly_what_posting_accepts_and_refuses(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var dana = await client.CreateUserAsync("dana");

        var limits = (await client.GetFromJsonAsync<CooLimits>("/api/v1/coos/limits"))!;

        // Perceived characters: a grapheme cluster counts once whatever its size in UTF-16.
        await AssertPostedAsync(client, dana, new string('a', limits.MaxLength), HttpStatusCode.Created);
        await AssertPostedAsync(client, dana, string.Concat(Enumerable.Repeat("👍🏽", limits.MaxLength)), HttpStatusCode.Created);
        await AssertPostedAsync(client, dana, new string('a', limits.MaxLength + 1), HttpStatusCode.BadRequest);
        // Code units: one perceived character stacked with combining marks ("b" has no precomposed form with U+0300).
        await AssertPostedAsync(client, dana, "b" + new string('\u0300', limits.MaxCodeUnits - 1), HttpStatusCode.Created);
        await AssertPostedAsync(client, dana, "b" + new string('\u0300', limits.MaxCodeUnits), HttpStatusCode.BadRequest);
        // Counted after trimming.
        await AssertPostedAsync(client, dana, $"  {new string('c', limits.MaxLength)}\n", HttpStatusCode.Created);
        // A link counts as the published number, however long or short it is.
        var longLink = "https://example.org/" + new string('p', 200);
        var room = limits.MaxLength - limits.CharactersPerUrl - 1;
        await AssertPostedAsync(client, dana, $"{new string('d', room)} {longLink}", HttpStatusCode.Created);
        await AssertPostedAsync(client, dana, $"{new string('d', room + 1)} {longLink}", HttpStatusCode.BadRequest);
        await AssertPostedAsync(client, dana, $"{new string('d', room + 1)} http://a.b", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Anyone_may_read_the_limits_without_signing_in()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();

        using var response = await client.GetAsync("/api/v1/coos/limits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["maxLength", "maxCodeUnits", "charactersPerUrl"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(280, body.GetProperty("maxLength").GetInt32());
        Assert.Equal(4000, body.GetProperty("maxCodeUnits").GetInt32());
        Assert.Equal(23, body.GetProperty("charactersPerUrl").GetInt32());
    }

    private static async Task AssertPostedAsync(HttpClient client, TestUser author, string text, HttpStatusCode expected)
    {
        using var response = await client.PostCooAsync(author, text);
        var label = string.Create(CultureInfo.InvariantCulture, $"{text.Length} UTF-16 units");
        Assert.True(expected == response.StatusCode, $"{label}: expected {expected}, got {response.StatusCode}");
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("text", out _), label);
        }
    }
}
