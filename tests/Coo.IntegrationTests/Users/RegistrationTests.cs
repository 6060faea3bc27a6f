using System.Text.Json;

namespace Coo.IntegrationTests.Users;

[Collection(ApiCollection.Name)]
public sealed class RegistrationTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Registering_returns_201_with_the_profile_and_its_location(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        using var response = await client.RegisterAsync("alice", displayName: "Alice A.");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/users/alice", response.Headers.Location?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.String, body.GetProperty("id").ValueKind);
        Assert.True(long.Parse(body.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("alice", body.GetProperty("username").GetString());
        Assert.Equal("alice@example.com", body.GetProperty("email").GetString());
        Assert.Equal("Alice A.", body.GetProperty("displayName").GetString());
        Assert.EndsWith("+00:00", body.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("passwordHash", out _));
        using var reread = await client.GetAsync("/api/v1/users/alice");
        var stored = await reread.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(body.GetProperty("createdAt").GetString(), stored.GetProperty("createdAt").GetString());
    }

    [Theory, Providers]
    public async Task Display_name_defaults_to_the_username(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        using var response = await client.RegisterAsync("bob_2");

        Assert.Equal("bob_2", (await response.Content.ReadFromJsonAsync<Profile>())!.DisplayName);
    }

    [Theory, Providers]
    public async Task Usernames_are_unique_without_regard_to_case(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        using var first = await client.RegisterAsync("Carol");

        using var second = await client.RegisterAsync("cAROL", email: "other@example.com");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.ReadProblemAsync();
        Assert.Equal("urn:coo:problem:users.username-taken", problem.GetProperty("type").GetString());
    }

    [Theory, Providers]
    public async Task Emails_are_unique_without_regard_to_case(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        using var first = await client.RegisterAsync("dave", email: "Dave@Example.com");

        using var second = await client.RegisterAsync("dave2", email: "dave@example.COM");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("urn:coo:problem:users.email-taken", (await second.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Theory, Providers]
    public async Task Concurrent_registrations_of_one_username_create_one_account(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.RegisterAsync("racer", email: $"racer{i}@example.com")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    public static TheoryData<string, string, string, string?, string> InvalidRegistrations => new()
    {
        { "ab", "x@example.com", ApiClientExtensions.Password, null, "username" },
        { "sixteen_chars_xx", "x@example.com", ApiClientExtensions.Password, null, "username" },
        { "bad-name", "x@example.com", ApiClientExtensions.Password, null, "username" },
        { "émile", "x@example.com", ApiClientExtensions.Password, null, "username" },
        { "ab\n", "x@example.com", ApiClientExtensions.Password, null, "username" },
        { " ab ", "x@example.com", ApiClientExtensions.Password, null, "username" },
        { "valid", "ada@ ", ApiClientExtensions.Password, null, "email" },
        { "valid", "not-an-email", ApiClientExtensions.Password, null, "email" },
        { "valid", "x@example.com", "short", null, "password" },
        { "valid", "x@example.com", "password123", null, "password" },
        { "valid", "x@example.com", "QWERTYUIOP", null, "password" },
        { "valid", "x@example.com", ApiClientExtensions.Password, new string('n', 51), "displayName" },
        { "valid", "x@example.com", ApiClientExtensions.Password, "tab\tname", "displayName" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Invalid_registration_is_400_with_the_field_named_and_creates_nothing(string username, string email, string password, string? displayName, string field)
    {
        foreach (var provider in new ProvidersAttribute().GetData(null!).Select(d => (TestProvider)d[0]))
        {
            var factory = await fixture.StartAsync(provider);
            using var client = factory.CreateClient();

            using var response = await client.RegisterAsync(username, email, password, displayName);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ReadProblemAsync();
            Assert.Equal("urn:coo:problem:validation", problem.GetProperty("type").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{provider}: no error for {field}: {problem}");
            Assert.NotEmpty(messages.EnumerateArray());
            Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "users"));
        }
    }

    [Theory, Providers]
    public async Task A_display_name_of_50_emoji_is_accepted_because_length_counts_perceived_characters(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var fifty = string.Concat(Enumerable.Repeat("👍🏽", 50));

        using var response = await client.RegisterAsync("emoji", displayName: fifty);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory, Providers]
    public async Task Registration_writes_UserRegistered_to_the_outbox_with_the_request_correlation_id(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-ID", "reg-test-42");

        using var response = await client.RegisterAsync("outboxed");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rows = await DatabaseProbe.OutboxRowsAsync(factory, "users");
        var row = Assert.Single(rows);
        Assert.Equal("users.user-registered.v1", row.EventName);
        Assert.Equal("reg-test-42", row.CorrelationId);
    }
}
