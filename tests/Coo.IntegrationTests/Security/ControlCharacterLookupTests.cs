namespace Coo.IntegrationTests.Security;

/// <summary>
/// PostgreSQL cannot hold or even compare a NUL in text: a NUL that reaches a query is a server error there. Sign-in
/// and registration, which need no account, must refuse such values before any query (found by the hostile-input property).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ControlCharacterLookupTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Signing_in_with_a_NUL_in_the_username_or_email_is_refused_as_invalid_not_a_server_error(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        await client.CreateUserAsync("olga");

        using var byUsername = await client.SignInAsync("ol\0ga");
        using var byEmail = await client.SignInAsync("olga\0@example.com");

        // The text rule refuses the sign-in name before any lookup: no account can have such a name.
        Assert.Equal(HttpStatusCode.BadRequest, byUsername.StatusCode);
        Assert.Equal("urn:coo:problem:validation", (await byUsername.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, byEmail.StatusCode);
    }

    [Theory, Providers]
    public async Task Registering_with_a_NUL_in_the_email_is_refused_as_an_invalid_email(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.RegisterAsync("olga", email: "ol\0ga@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "users", "users"));
    }
}
