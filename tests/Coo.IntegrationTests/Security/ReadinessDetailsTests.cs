using System.Text.Json;
using Coo.IntegrationTests.RateLimiting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coo.IntegrationTests.Security;

/// <summary>A host whose readiness checks are shown to one network.</summary>
public sealed class ReadinessHost : IDisposable
{
    public const string AllowedNetwork = "10.98.0.0/16";

    private readonly CooApiFactory _factory = new(TestProvider.Sqlite) { Settings = { ["Health:AllowedNetworks:0"] = AllowedNetwork } };

    public ReadinessHost() => Host = TestPeerAddress.Enable(_factory);

    public WebApplicationFactory<Program> Host { get; }

    public void Dispose()
    {
        Host.Dispose();
        _factory.Dispose();
    }
}

[Collection(SerialCollection.Name)]
public sealed class ReadinessDetailsTests(ReadinessHost host) : IClassFixture<ReadinessHost>
{
    [Fact]
    public async Task Readiness_tells_everyone_its_status_and_only_admins_and_allowed_networks_its_checks()
    {
        using var stranger = TestPeerAddress.NewClient(host.Host, "192.0.2.10");
        using var fromAllowedNetwork = TestPeerAddress.NewClient(host.Host, "10.98.7.1");
        var user = await stranger.CreateUserAsync("rita");
        var admin = await stranger.CreateAdminAsync(host.Host.Services);

        using var anonymous = await stranger.GetAsync("/health/ready");
        using var signedIn = await stranger.SendAsAsync(HttpMethod.Get, "/health/ready", user.Tokens.AccessToken);
        using var asAdmin = await stranger.SendAsAsync(HttpMethod.Get, "/health/ready", admin.Tokens.AccessToken);
        using var network = await fromAllowedNetwork.GetAsync("/health/ready");

        foreach (var (caller, response) in new[] { ("anonymous", anonymous), ("signed in", signedIn) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body == "{\"status\":\"Healthy\"}", $"{caller}: {body}");
        }

        foreach (var (caller, response) in new[] { ("admin", asAdmin), ("allowed network", network) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray().ToList();
            Assert.True(checks.Any(c => c.GetProperty("name").GetString() == "database-users" && c.TryGetProperty("durationMs", out _)), caller);
        }
    }
}
