using System.Text.Json;

namespace Coo.IntegrationTests.Platform;

/// <summary>With <c>ConnectionStrings:Redis</c> set, readiness depends on Redis too (its checks are read as an admin).</summary>
[Collection(SerialCollection.Name)]
public sealed class RedisReadinessTests
{
    [Fact]
    public async Task Readiness_fails_when_the_configured_Redis_cannot_be_reached()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500" } };
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);

        using var ready = await client.SendAsAsync(HttpMethod.Get, "/health/ready", admin.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await CheckStatusAsync(ready, "redis"));
    }

    [Fact]
    public async Task Readiness_includes_a_reachable_Redis()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["ConnectionStrings:Redis"] = TestEnvironment.RequiredRedisConnectionString } };
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);

        using var ready = await client.SendAsAsync(HttpMethod.Get, "/health/ready", admin.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await CheckStatusAsync(ready, "redis"));
    }

    private static async Task<string?> CheckStatusAsync(HttpResponseMessage response, string name)
    {
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return report.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name)
            .GetProperty("status").GetString();
    }
}
