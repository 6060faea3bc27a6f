using System.Text.Json;

namespace Coo.IntegrationTests.Platform;

[Collection(SerialCollection.Name)]
public sealed class BenchCeilingTests
{
    [Fact]
    public async Task The_benchmark_ceiling_page_is_served_only_when_enabled_is_shaped_like_a_page_of_coos_and_stays_out_of_the_OpenAPI_document()
    {
        await using var enabled = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["Bench:CeilingEndpoint"] = "true" } };
        using var client = enabled.CreateClient();

        using var page = await client.GetAsync("/bench/ceiling");
        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var items = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(20, items.GetArrayLength());
        Assert.Equal(JsonValueKind.String, items[0].GetProperty("id").ValueKind);
        Assert.DoesNotContain("/bench/ceiling", document, StringComparison.Ordinal);

        // Shaped like a real page's coo, member for member, so that the benchmark compares pages of the same size.
        var ada = await client.CreateUserAsync("ada");
        using var posted = await client.PostCooAsync(ada, "hello");
        var coo = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(MemberNames(coo), MemberNames(items[0]));
        Assert.Equal(MemberNames(coo.GetProperty("author")), MemberNames(items[0].GetProperty("author")));
        Assert.Equal(MemberNames(coo.GetProperty("entities")), MemberNames(items[0].GetProperty("entities")));

        await using var disabled = new CooApiFactory(TestProvider.Sqlite);
        using var absent = await disabled.CreateClient().GetAsync("/bench/ceiling");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    private static string[] MemberNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
