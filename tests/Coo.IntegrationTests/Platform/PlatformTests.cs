using System.Text.Json;

namespace Coo.IntegrationTests.Platform;

[Collection(ApiCollection.Name)]
public sealed class PlatformTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Liveness_and_readiness_report_healthy_with_every_module_database_and_Redis_checked(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        var admin = await client.CreateAdminAsync(factory.Services);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.SendAsAsync(HttpMethod.Get, "/health/ready", admin.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        var checks = report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        string[] databases = ["database-analytics", "database-coos", "database-follows", "database-media", "database-notifications", "database-oauth", "database-reactions", "database-tags", "database-timeline", "database-users"];
        Assert.Equal(factory.UsesRedis ? [.. databases, "redis"] : databases, checks.Order());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_versioned_routes_and_ids_as_strings()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();

        using var document = await client.GetAsync("/openapi/v1.json");
        using var docs = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var json = await document.Content.ReadFromJsonAsync<JsonElement>();
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Contains("/api/v1/users", paths);
        Assert.Contains("/api/v1/auth/token", paths);
        var profileId = json.GetProperty("components").GetProperty("schemas").GetProperty("MyProfileResponse").GetProperty("properties").GetProperty("id");
        Assert.Equal("string", profileId.GetProperty("type").GetString());
        Assert.True(docs.IsSuccessStatusCode || docs.StatusCode == HttpStatusCode.Redirect, $"/docs answered {docs.StatusCode}");
    }

    [Fact]
    public async Task A_server_fault_is_a_500_problem_with_the_correlation_id_and_no_internals()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-ID", "fault-check-1");

        using var response = await client.GetAsync("/__test/fault");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internal detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("fault-check-1", problem.GetProperty("correlationId").GetString());
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_correlation_id_is_echoed_when_acceptable_and_replaced_when_not()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();

        using var kept = await SendWithCorrelationAsync(client, "abc-123_x.y");
        using var replaced = await SendWithCorrelationAsync(client, "evil\r\nid with spaces");
        using var generated = await client.GetAsync("/health/live");

        Assert.Equal("abc-123_x.y", kept.Headers.GetValues("X-Correlation-ID").Single());
        Assert.NotEqual("evil\r\nid with spaces", replaced.Headers.GetValues("X-Correlation-ID").Single());
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task Unknown_routes_and_malformed_bodies_get_problem_details()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();

        using var missing = await client.GetAsync("/api/v1/nothing-here");
        using var malformed = await client.PostAsync("/api/v1/users", new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(404, (await missing.ReadProblemAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("urn:coo:problem:malformed-request", (await malformed.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_jobs_dashboard_outside_Development_is_for_admins_only()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        var someone = await client.CreateUserAsync("someone");

        using var anonymous = await client.GetAsync("/hangfire");
        using var notAdmin = await client.SendAsAsync(HttpMethod.Get, "/hangfire", someone.Tokens.AccessToken);
        using var asAdmin = await client.SendAsAsync(HttpMethod.Get, "/hangfire", admin.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    private static Task<HttpResponseMessage> SendWithCorrelationAsync(HttpClient client, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
        return client.SendAsync(request);
    }
}
