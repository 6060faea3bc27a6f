namespace Coo.IntegrationTests.Users;

/// <summary>The web client's profile editor counts with <c>GET /api/v1/users/me/limits</c>: the published numbers are the enforced ones.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProfileLimitsTests(ApiFixture fixture)
{
    private sealed record TextLimits(int MaxLength, int MaxCodeUnits);

    private sealed record ProfileLimits(TextLimits DisplayName, TextLimits Bio);

    [Theory, Providers]
    public async Task The_published_limits_are_exactly_what_a_profile_edit_accepts_and_refuses(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var erin = await client.CreateUserAsync("erin");

        using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/limits", erin.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var limits = (await response.Content.ReadFromJsonAsync<ProfileLimits>())!;

        foreach (var (field, fieldLimits) in new[] { ("displayName", limits.DisplayName), ("bio", limits.Bio) })
        {
            // Perceived characters: a grapheme cluster counts once whatever its size in UTF-16; trimmed first.
            await AssertEditedAsync(client, erin, field, $" {new string('a', fieldLimits.MaxLength)} ", HttpStatusCode.OK);
            await AssertEditedAsync(client, erin, field, string.Concat(Enumerable.Repeat("👍🏽", fieldLimits.MaxLength)), HttpStatusCode.OK);
            await AssertEditedAsync(client, erin, field, new string('a', fieldLimits.MaxLength + 1), HttpStatusCode.BadRequest);
            // Code units: one perceived character stacked with combining marks ("b" has no precomposed form with U+0300).
            await AssertEditedAsync(client, erin, field, "b" + new string('\u0300', fieldLimits.MaxCodeUnits - 1), HttpStatusCode.OK);
            await AssertEditedAsync(client, erin, field, "b" + new string('\u0300', fieldLimits.MaxCodeUnits), HttpStatusCode.BadRequest);
        }
    }

    [Theory, Providers]
    public async Task The_limits_need_a_signed_in_user(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        using var response = await client.GetAsync("/api/v1/users/me/limits");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertEditedAsync(HttpClient client, TestUser user, string field, string text, HttpStatusCode expected)
    {
        using var response = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new Dictionary<string, string> { [field] = text });
        var label = $"{field} of {text.Length} UTF-16 units";
        Assert.True(expected == response.StatusCode, $"{label}: expected {expected}, got {response.StatusCode}");
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), label);
        }
    }
}
