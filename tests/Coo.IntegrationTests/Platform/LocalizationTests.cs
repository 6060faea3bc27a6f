using System.Text.Json;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// Texts a person reads (validation messages, problem titles and details) follow <c>Accept-Language</c>; what clients
/// match on (problem types, field names) never changes. Bodies are parsed, never compared as text: the serializer
/// escapes non-ASCII characters.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LocalizationTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("de")]
    [InlineData("de-AT,de;q=0.9")]
    [InlineData("fr-FR,fr;q=0.9,de;q=0.8")]
    public async Task Validation_messages_are_German_when_German_is_accepted(string acceptLanguage)
    {
        using var client = await StartClientAsync(acceptLanguage);

        using var response = await client.RegisterAsync("x", email: "no", password: "short");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("de", Assert.Single(response.Content.Headers.ContentLanguage));
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:coo:problem:validation", problem.GetProperty("type").GetString());
        Assert.Equal("Ein oder mehrere Felder sind ungültig.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["Der Benutzername muss 3 bis 15 Zeichen lang sein."], Messages(errors, "username"));
        Assert.Equal(["Das ist keine gültige E-Mail-Adresse."], Messages(errors, "email"));
        Assert.Contains("Das Passwort muss mindestens 10 Zeichen lang sein.", Messages(errors, "password"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("en-US")]
    [InlineData("de;q=0.1,en;q=0.9")]
    public async Task Validation_messages_are_English_otherwise(string? acceptLanguage)
    {
        using var client = await StartClientAsync(acceptLanguage);

        using var response = await client.RegisterAsync("x", email: "no", password: "short");

        var problem = await response.ReadProblemAsync();
        Assert.Equal("One or more fields are invalid.", problem.GetProperty("title").GetString());
        Assert.Equal(["The username must be 3 to 15 characters."], Messages(problem.GetProperty("errors"), "username"));
        Assert.Equal("en", Assert.Single(response.Content.Headers.ContentLanguage));
    }

    [Theory]
    [InlineData("de", "Zeichen")]
    [InlineData("en", "characters")]
    public async Task FluentValidations_own_messages_follow_the_language_too(string acceptLanguage, string word)
    {
        using var client = await StartClientAsync(acceptLanguage);

        using var response = await client.SignInAsync(new string('a', 255));

        var message = Assert.Single(Messages((await response.ReadProblemAsync()).GetProperty("errors"), "username"));
        Assert.Contains("254", message, StringComparison.Ordinal);
        Assert.Contains(word, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Module_errors_are_worded_in_German_and_keep_their_types()
    {
        using var client = await StartClientAsync("de-DE,de;q=0.9,en;q=0.5");
        var user = await client.CreateUserAsync("doppelt");

        using var taken = await client.RegisterAsync("doppelt", email: "other@example.com");
        using var wrongPassword = await client.SignInAsync("doppelt", "not the password at all");
        using var self = await client.SendAsAsync(HttpMethod.Put, "/api/v1/users/doppelt/follow", user.Tokens.AccessToken);
        using var missingCoo = await client.GetAsync("/api/v1/coos/123");
        using var emptyCoo = await client.PostCooAsync(user, "   ");
        using var badLimit = await client.GetAsync("/api/v1/users/doppelt/coos?limit=0");

        await AssertProblemAsync(taken, "urn:coo:problem:users.username-taken", "Konflikt", "Dieser Benutzername ist bereits vergeben.");
        await AssertProblemAsync(wrongPassword, "urn:coo:problem:auth.invalid-credentials", "Nicht angemeldet", "Benutzername oder Passwort ist falsch.");
        await AssertProblemAsync(self, "urn:coo:problem:follows.self", "Nicht verarbeitbar", "Du kannst dir nicht selbst folgen.");
        await AssertProblemAsync(missingCoo, "urn:coo:problem:coos.not-found", "Nicht gefunden", "Es gibt keinen Coo mit dieser ID.");
        Assert.Equal(["Ein Coo braucht etwas Text oder ein Bild."], Messages((await emptyCoo.ReadProblemAsync()).GetProperty("errors"), "text"));
        Assert.Equal(["Das Limit muss zwischen 1 und 100 liegen."], Messages((await badLimit.ReadProblemAsync()).GetProperty("errors"), "limit"));
    }

    [Fact]
    public async Task Module_errors_stay_English_without_Accept_Language()
    {
        using var client = await StartClientAsync(acceptLanguage: null);
        using var _ = await client.RegisterAsync("doppelt");

        using var taken = await client.RegisterAsync("doppelt", email: "other@example.com");

        await AssertProblemAsync(taken, "urn:coo:problem:users.username-taken", "Conflict", "That username is already taken.");
    }

    private async Task<HttpClient> StartClientAsync(string? acceptLanguage)
    {
        var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        return client;
    }

    private static string[] Messages(JsonElement errors, string field) =>
        [.. errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    private static async Task AssertProblemAsync(HttpResponseMessage response, string type, string title, string detail)
    {
        var problem = await response.ReadProblemAsync();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}
