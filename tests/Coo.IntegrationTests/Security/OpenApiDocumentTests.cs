using System.Text.Json;

namespace Coo.IntegrationTests.Security;

/// <summary>Clients generate code from the API document: what it says about sign-in, problems and optional fields must hold.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_document_declares_the_bearer_scheme_and_requires_it_exactly_where_a_sign_in_is_needed()
    {
        var (document, operations) = await DiscoverAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var secured = operations.Where(o => o.Description.TryGetProperty("security", out _)).Select(o => o.Key).Order().ToList();
        Assert.Equal(
            [
                "DELETE /api/v1/coos/{id}", "DELETE /api/v1/coos/{id}/like", "DELETE /api/v1/coos/{id}/repost", "DELETE /api/v1/media/avatar",
                "DELETE /api/v1/users/{username}/follow",
                "DELETE /api/v1/users/me/pinned-coo", "GET /api/v1/admin/messages/parked", "GET /api/v1/admin/stats",
                "GET /api/v1/users/me", "GET /api/v1/users/me/limits", "GET /api/v1/users/me/notifications",
                "GET /api/v1/users/me/notifications/unread-count", "GET /api/v1/users/me/stream", "GET /api/v1/users/me/timeline",
                "PATCH /api/v1/users/me", "POST /api/v1/admin/dashboard-session", "POST /api/v1/admin/messages/parked/requeue",
                "POST /api/v1/coos", "POST /api/v1/media", "POST /api/v1/users/me/notifications/read",
                "PUT /api/v1/coos/{id}/like", "PUT /api/v1/coos/{id}/repost", "PUT /api/v1/media/avatar",
                "PUT /api/v1/users/{username}/follow", "PUT /api/v1/users/me/pinned-coo",
            ],
            secured);
        Assert.All(operations.Where(o => secured.Contains(o.Key)), o => Assert.True(o.Description.GetProperty("responses").TryGetProperty("401", out _), o.Key));
    }

    /// <summary>Operations Mastodon's clients call, which answer errors as Mastodon does (<c>{"error": "..."}</c>), not as problem details.</summary>
    private static readonly HashSet<string> MastodonShapedOperations = ["POST /api/v1/apps"];

    [Fact]
    public async Task Every_error_response_in_the_document_is_problem_details()
    {
        var (_, operations) = await DiscoverAsync();

        var errors = operations.Where(o => !MastodonShapedOperations.Contains(o.Key)).SelectMany(o => o.Description.GetProperty("responses").EnumerateObject()
            .Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5'))
            .Select(r => (Where: $"{o.Key} {r.Name}", Response: r.Value)));
        Assert.All(errors, e => Assert.True(
            e.Response.TryGetProperty("content", out var content) && content.EnumerateObject().Select(c => c.Name).SequenceEqual(["application/problem+json"]),
            $"{e.Where} is not described as application/problem+json"));
    }

    [Fact]
    public async Task Fields_the_api_treats_as_optional_are_not_required_in_the_document()
    {
        var (document, _) = await DiscoverAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        string[] Required(string schema) => schemas.GetProperty(schema).TryGetProperty("required", out var required)
            ? [.. required.EnumerateArray().Select(r => r.GetString()!)]
            : [];

        Assert.DoesNotContain("useCookie", Required("SignInRequest"));
        Assert.DoesNotContain("displayName", Required("RegisterUser"));
        Assert.Empty(Required("UpdateMyProfileRequest"));
        Assert.DoesNotContain("properties", Required("ClientEvent"));
        Assert.Empty(Required("RefreshSession"));
        Assert.Empty(Required("SignOut"));
        Assert.DoesNotContain("refreshToken", Required("TokenResponse"));
        Assert.Equal(["username", "email", "password"], Required("RegisterUser"));
    }

    private async Task<(JsonElement Document, List<ApiOperation> Operations)> DiscoverAsync()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        return await ApiOperations.DiscoverAsync(client);
    }
}
