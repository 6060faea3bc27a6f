using System.Net.Http.Headers;
using System.Text.Json;
using Coo.IntegrationTests.Browser;

namespace Coo.IntegrationTests.Security;

/// <summary>
/// Clients generate code from <c>/openapi/v1.json</c>, so every answer must be one the document describes. A scenario
/// that touches every operation, with its successes and its usual refusals, runs through Prism in proxy mode in front
/// of the real host on Kestrel: any request the document would not allow, and any response whose status, headers or
/// body it does not describe, fails the test.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ApiDescriptionConformanceTests
{
    [Fact]
    public async Task Every_response_of_a_scenario_over_every_operation_is_described_by_the_published_document()
    {
        await using var host = LoopbackHost.Start();
        var documentPath = Path.Combine(Path.GetTempPath(), $"coo-openapi-{Guid.NewGuid():N}.json");
        using (var direct = host.CreateRawClient())
        {
            await File.WriteAllBytesAsync(documentPath, await direct.GetByteArrayAsync("/openapi/v1.json"));
        }

        try
        {
            await using var prism = await PrismProxy.StartAsync(documentPath, host.BaseAddress);
            using var client = new HttpClient { BaseAddress = prism.BaseAddress };
            using var direct = host.CreateRawClient();
            var scenario = new Scenario(client, direct, username => host.Api.Services.SetAdminRoleAsync(username));
            await scenario.RunAsync();
            Assert.True(scenario.Failures.Count == 0, string.Join(Environment.NewLine, scenario.Failures) + Environment.NewLine + "Prism's log:" + Environment.NewLine + prism.Output);
            Assert.Empty(ApiOperationsNotCalled(await ApiOperations.DiscoverAsync(host.Api.CreateClient()), scenario.Called));
        }
        finally
        {
            File.Delete(documentPath);
        }
    }

    private static IEnumerable<string> ApiOperationsNotCalled((JsonElement Document, List<ApiOperation> Operations) api, HashSet<string> called) =>
        api.Operations.Select(o => o.Key).Where(key => !called.Contains(key)).Order();

    /// <summary>Sends each request and notes every answer Prism finds undescribed, or that is not the status expected.</summary>
    private sealed class Scenario(HttpClient client, HttpClient direct, Func<string, Task> grantAdmin)
    {
        public List<string> Failures { get; } = [];

        /// <summary>The operations the scenario reached, as the document names them.</summary>
        public HashSet<string> Called { get; } = [];

        public async Task RunAsync()
        {
            await Send("POST /api/v1/users", "/api/v1/users", null, new { username = "ada", email = "ada@example.com", password = ApiClientExtensions.Password, displayName = "Ada" }, 201);
            await Send("POST /api/v1/users", "/api/v1/users", null, new { username = "grace", email = "grace@example.com", password = ApiClientExtensions.Password }, 201);
            await Send("POST /api/v1/users", "/api/v1/users", null, new { username = "the_admin", email = "admin@example.com", password = ApiClientExtensions.Password }, 201);
            await Send("POST /api/v1/users", "/api/v1/users", null, new { username = "ADA", email = "other@example.com", password = ApiClientExtensions.Password }, 409);
            await Send("POST /api/v1/users", "/api/v1/users", null, new { username = "x", email = "no", password = "short" }, 400);

            var app = JsonDocument.Parse(await Send("POST /api/v1/apps", "/api/v1/apps", null, new { client_name = "A client", redirect_uris = "urn:ietf:wg:oauth:2.0:oob", scopes = "read write" }, 200)).RootElement;
            await Send("GET /api/v1/oauth/clients/{clientId}", $"/api/v1/oauth/clients/{app.GetProperty("client_id").GetString()}", null, null, 200);
            await Send("GET /api/v1/oauth/clients/{clientId}", "/api/v1/oauth/clients/nobody", null, null, 404);
            await Send("POST /api/v1/apps", "/api/v1/apps", null, new { client_name = "A client", redirect_uris = "urn:ietf:wg:oauth:2.0:oob", scopes = "admin:everything" }, 422);

            var ada = await SignInAsync("ada");
            var grace = await SignInAsync("grace");
            await grantAdmin("the_admin");
            var admin = await SignInAsync("the_admin");
            await Send("POST /api/v1/auth/token", "/api/v1/auth/token", null, new { username = "ada", password = ApiClientExtensions.Password, useCookie = true }, 200);
            await Send("POST /api/v1/auth/token", "/api/v1/auth/token", null, new { username = "ada", password = "not the password at all" }, 401);
            ada = Read<Tokens>(await Send("POST /api/v1/auth/refresh", "/api/v1/auth/refresh", null, new { refreshToken = ada.RefreshToken }, 200));

            await Send("POST /api/v1/auth/refresh", "/api/v1/auth/refresh", null, new { refreshToken = "no-such-token" }, 401);
            await Send("POST /api/v1/auth/refresh", "/api/v1/auth/refresh", null, new { }, 400);

            await Send("GET /api/v1/users/me", "/api/v1/users/me", ada.AccessToken, null, 200);
            await Send("GET /api/v1/users/me", "/api/v1/users/me", ForgedTokens.Create("expired", "1"), null, 401);
            await Send("GET /api/v1/users/me/limits", "/api/v1/users/me/limits", ada.AccessToken, null, 200);
            await Send("GET /api/v1/users/me/limits", "/api/v1/users/me/limits", ForgedTokens.Create("expired", "1"), null, 401);
            await Send("PATCH /api/v1/users/me", "/api/v1/users/me", ada.AccessToken, new { bio = "First programmer." }, 200);
            await Send("PATCH /api/v1/users/me", "/api/v1/users/me", ada.AccessToken, new { displayName = new string('x', 51) }, 400);
            await Send("GET /api/v1/users/{username}", "/api/v1/users/grace", null, null, 200);
            await Send("GET /api/v1/users/{username}", "/api/v1/users/grace", ada.AccessToken, null, 200);
            await Send("GET /api/v1/users/{username}", "/api/v1/users/nobody", null, null, 404);

            await Send("PUT /api/v1/users/{username}/follow", "/api/v1/users/grace/follow", ada.AccessToken, null, 204);
            await Send("PUT /api/v1/users/{username}/follow", "/api/v1/users/ada/follow", ada.AccessToken, null, 422);
            await Send("PUT /api/v1/users/{username}/follow", "/api/v1/users/nobody/follow", ada.AccessToken, null, 404);

            var first = Read<CooItem>(await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "Hello from Grace 🐞" }, 201, idempotencyKey: "first-coo"));
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "Hello from Grace 🐞" }, 201, idempotencyKey: "first-coo");
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "Something else" }, 422, idempotencyKey: "first-coo");
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "" }, 400);
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "A second coo" }, 201);

            // Prism cannot forward a multipart body (it re-encodes it as text, and drops the connection on .NET's form):
            // uploads go to the host directly, so only their statuses are checked here, not the document.
            var picture = Read<UploadedMedia>(await UploadDirectlyAsync(HttpMethod.Post, "/api/v1/media", grace.AccessToken, MediaForms.Image("A green square"), 201));
            await UploadDirectlyAsync(HttpMethod.Post, "/api/v1/media", grace.AccessToken, MediaForms.NotAnImage(description: null), 400);
            await UploadDirectlyAsync(HttpMethod.Post, "/api/v1/media", grace.AccessToken, MediaForms.NotAnImage("not an image"), 422);
            await UploadDirectlyAsync(HttpMethod.Put, "/api/v1/media/avatar", grace.AccessToken, MediaForms.Image(description: null), 200);
            await UploadDirectlyAsync(HttpMethod.Put, "/api/v1/media/avatar", grace.AccessToken, MediaForms.NotAnImage(description: null), 422);
            await Send("DELETE /api/v1/media/avatar", "/api/v1/media/avatar", grace.AccessToken, null, 200);
            await Send("GET /api/v1/media/default-avatars/{userId}-{side}.png", $"/api/v1/media/default-avatars/{first.Author.Id}-96.png", null, null, 200);
            await Send("GET /api/v1/media/default-avatars/{userId}-{side}.png", $"/api/v1/media/default-avatars/{first.Author.Id}-97.png", null, null, 404);
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "With a picture", mediaIds = new[] { picture.Id } }, 201);
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "The same picture", mediaIds = new[] { picture.Id } }, 409);
            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "No such picture", mediaIds = new List<string> { "1" } }, 422);
            await Send("GET /api/v1/media/files/{name}", picture.Url, null, null, 200);
            await Send("GET /api/v1/media/files/{name}", $"/api/v1/media/files/{new string('0', 64)}.png", null, null, 404);
            await Send("GET /api/v1/coos/limits", "/api/v1/coos/limits", null, null, 200);
            await Send("GET /api/v1/coos/{id}", $"/api/v1/coos/{first.Id}", null, null, 200);
            await Send("GET /api/v1/coos/{id}", "/api/v1/coos/1", null, null, 404);

            await Send("PUT /api/v1/coos/{id}/like", $"/api/v1/coos/{first.Id}/like", ada.AccessToken, null, 200);
            await Send("PUT /api/v1/coos/{id}/like", "/api/v1/coos/1/like", ada.AccessToken, null, 404);
            await Send("PUT /api/v1/coos/{id}/like", $"/api/v1/coos/{first.Id}/like", ForgedTokens.Create("expired", "1"), null, 401);
            await Send("PUT /api/v1/coos/{id}/repost", $"/api/v1/coos/{first.Id}/repost", ada.AccessToken, null, 200);
            await Send("GET /api/v1/coos/{id}/likes", $"/api/v1/coos/{first.Id}/likes", null, null, 200);
            await Send("GET /api/v1/coos/{id}/likes", "/api/v1/coos/1/likes", null, null, 404);
            await Send("GET /api/v1/coos/{id}/reposts", $"/api/v1/coos/{first.Id}/reposts?limit=0", null, null, 400);
            await Send("GET /api/v1/coos/{id}/reposts", $"/api/v1/coos/{first.Id}/reposts", null, null, 200);
            await Send("GET /api/v1/users/{username}/likes", "/api/v1/users/ada/likes", grace.AccessToken, null, 200);
            await Send("GET /api/v1/users/{username}/likes", "/api/v1/users/nobody/likes", null, null, 404);
            await Send("DELETE /api/v1/coos/{id}/like", $"/api/v1/coos/{first.Id}/like", ada.AccessToken, null, 200);
            await Send("DELETE /api/v1/coos/{id}/repost", $"/api/v1/coos/{first.Id}/repost", ada.AccessToken, null, 200);
            await Send("DELETE /api/v1/coos/{id}/repost", "/api/v1/coos/1/repost", ada.AccessToken, null, 404);

            var reply = Read<CooItem>(await Send("POST /api/v1/coos", "/api/v1/coos", ada.AccessToken, new { text = "A reply to Grace", inReplyToId = first.Id }, 201));
            await Send("POST /api/v1/coos", "/api/v1/coos", ada.AccessToken, new { text = "A reply to nothing", inReplyToId = "1" }, 422);
            await Send("GET /api/v1/coos/{id}/thread", $"/api/v1/coos/{reply.Id}/thread?limit=1", null, null, 200);
            await Send("GET /api/v1/coos/{id}/thread", $"/api/v1/coos/{first.Id}/thread?limit=0", null, null, 400);
            await Send("GET /api/v1/coos/{id}/thread", "/api/v1/coos/1/thread", null, null, 404);

            await Send("POST /api/v1/coos", "/api/v1/coos", grace.AccessToken, new { text = "Tagged #Coo for @ada, see https://example.org" }, 201);
            await Send("GET /api/v1/tags/{tag}/coos", "/api/v1/tags/coo/coos", null, null, 200);
            await Send("GET /api/v1/tags/{tag}/coos", "/api/v1/tags/2026/coos", null, null, 400);
            await Send("GET /api/v1/tags/trending", "/api/v1/tags/trending", null, null, 200);

            var adasCoo = Read<CooItem>(await Send("POST /api/v1/coos", "/api/v1/coos", ada.AccessToken, new { text = "Ada's pinned coo" }, 201));
            await Send("PUT /api/v1/users/me/pinned-coo", "/api/v1/users/me/pinned-coo", ada.AccessToken, new { cooId = adasCoo.Id }, 200);
            await Send("PUT /api/v1/users/me/pinned-coo", "/api/v1/users/me/pinned-coo", ada.AccessToken, new { cooId = first.Id }, 404);
            await Send("PUT /api/v1/users/me/pinned-coo", "/api/v1/users/me/pinned-coo", ada.AccessToken, new { cooId = "0" }, 400);
            await Send("PUT /api/v1/users/me/pinned-coo", "/api/v1/users/me/pinned-coo", ForgedTokens.Create("expired", "1"), new { cooId = adasCoo.Id }, 401);
            await Send("GET /api/v1/users/{username}", "/api/v1/users/ada", null, null, 200);
            await Send("DELETE /api/v1/users/me/pinned-coo", "/api/v1/users/me/pinned-coo", ada.AccessToken, null, 204);
            await Send("DELETE /api/v1/users/me/pinned-coo", "/api/v1/users/me/pinned-coo", ForgedTokens.Create("expired", "1"), null, 401);

            var cursor = Read<CooPage>(await Send("GET /api/v1/users/{username}/coos", "/api/v1/users/grace/coos?limit=1", null, null, 200)).NextCursor;

            await Send("GET /api/v1/users/{username}/coos", $"/api/v1/users/grace/coos?limit=1&cursor={cursor}", null, null, 200);
            await Send("GET /api/v1/users/{username}/coos", "/api/v1/users/grace/coos?cursor=not-a-cursor", null, null, 400);
            await Send("GET /api/v1/users/{username}/coos", "/api/v1/users/grace/coos?limit=0", null, null, 400);
            await Send("GET /api/v1/users/{username}/coos", "/api/v1/users/nobody/coos", null, null, 404);
            await Send("GET /api/v1/users/me/timeline", "/api/v1/users/me/timeline?limit=5", ada.AccessToken, null, 200);
            await Send("GET /api/v1/users/me/timeline", "/api/v1/users/me/timeline?limit=500", ada.AccessToken, null, 400);
            await Send("GET /api/v1/users/me/notifications", "/api/v1/users/me/notifications?kind=like", ada.AccessToken, null, 200);
            await Send("GET /api/v1/users/me/notifications", "/api/v1/users/me/notifications?kind=poke", ada.AccessToken, null, 400);
            await Send("GET /api/v1/users/me/notifications/unread-count", "/api/v1/users/me/notifications/unread-count", ada.AccessToken, null, 200);
            await Send("POST /api/v1/users/me/notifications/read", "/api/v1/users/me/notifications/read", ada.AccessToken, new { upToId = "1" }, 204);
            await StreamsAsync(ada.AccessToken);
            await Send("GET /api/v1/users/{username}/followers", "/api/v1/users/grace/followers", null, null, 200);
            await Send("GET /api/v1/users/{username}/following", "/api/v1/users/ada/following", null, null, 200);
            await Send("GET /api/v1/users/{username}/following", "/api/v1/users/nobody/following", null, null, 404);

            await Send("DELETE /api/v1/coos/{id}", $"/api/v1/coos/{first.Id}", ada.AccessToken, null, 404);
            await Send("DELETE /api/v1/coos/{id}", $"/api/v1/coos/{first.Id}", grace.AccessToken, null, 204);
            await Send("GET /api/v1/coos/{id}/thread", $"/api/v1/coos/{reply.Id}/thread", ada.AccessToken, null, 200);
            await Send("DELETE /api/v1/users/{username}/follow", "/api/v1/users/grace/follow", ada.AccessToken, null, 204);

            var now = DateTimeOffset.UtcNow;
            await Send("POST /api/v1/analytics/events", "/api/v1/analytics/events", null, new { events = new[] { new { name = "timeline_viewed", occurredAt = now } } }, 202);
            await Send("POST /api/v1/analytics/events", "/api/v1/analytics/events", ada.AccessToken, new { events = new[] { new { name = "no_such_event", occurredAt = now } } }, 400);
            await Send("GET /api/v1/admin/stats", "/api/v1/admin/stats?granularity=hour", admin.AccessToken, null, 200);
            await Send("GET /api/v1/admin/stats", "/api/v1/admin/stats?granularity=weekly", admin.AccessToken, null, 400);
            await Send("GET /api/v1/admin/stats", "/api/v1/admin/stats", ada.AccessToken, null, 403);
            await Send("POST /api/v1/admin/dashboard-session", "/api/v1/admin/dashboard-session", admin.AccessToken, null, 204);
            await Send("GET /api/v1/admin/messages/parked", "/api/v1/admin/messages/parked?module=analytics", admin.AccessToken, null, 200);
            await Send("GET /api/v1/admin/messages/parked", "/api/v1/admin/messages/parked?limit=0", admin.AccessToken, null, 400);
            await Send("GET /api/v1/admin/messages/parked", "/api/v1/admin/messages/parked", ada.AccessToken, null, 403);
            await Send("POST /api/v1/admin/messages/parked/requeue", "/api/v1/admin/messages/parked/requeue", admin.AccessToken, new { module = "analytics" }, 200);
            await Send("POST /api/v1/admin/messages/parked/requeue", "/api/v1/admin/messages/parked/requeue", admin.AccessToken, new { module = "nowhere" }, 400);

            await Send("POST /api/v1/auth/logout", "/api/v1/auth/logout", null, new { refreshToken = ada.RefreshToken }, 204);
        }

        private sealed record UploadedMedia(string Id, string Url);

        private async Task<string> UploadDirectlyAsync(HttpMethod method, string path, string accessToken, MultipartFormDataContent form, int expected)
        {
            Called.Add($"{method} {path}");
            using var request = new HttpRequestMessage(method, path) { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await direct.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != expected)
            {
                Failures.Add($"{method} {path} (directly) → {(int)response.StatusCode}, expected {expected}: {text}");
            }

            return text;
        }

        /// <summary>
        /// Prism answers once the host's response is whole, which a stream never is: so the streams that fill Ada's
        /// limit go to the host directly (the stream's own tests read them), and the refused one goes through Prism.
        /// </summary>
        private async Task StreamsAsync(string accessToken)
        {
            List<HttpResponseMessage> open = [];
            try
            {
                for (var i = 0; i < 5; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me/stream").Authorized(accessToken);
                    open.Add(await direct.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
                    Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
                }

                await Send("GET /api/v1/users/me/stream", "/api/v1/users/me/stream", accessToken, null, 429);
            }
            finally
            {
                open.ForEach(response => response.Dispose());
            }
        }

        private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web)!;

        private async Task<Tokens> SignInAsync(string username) =>
            Read<Tokens>(await Send("POST /api/v1/auth/token", "/api/v1/auth/token", null, new { username, password = ApiClientExtensions.Password }, 200));

        /// <summary>Sends one request through Prism and returns the body; a problem with it is noted in <see cref="Failures"/>.</summary>
        private async Task<string> Send(string operation, string url, string? accessToken, object? body, int expected, string? idempotencyKey = null)
        {
            Called.Add(operation);
            var method = new HttpMethod(operation[..operation.IndexOf(' ', StringComparison.Ordinal)]);
            using var request = new HttpRequestMessage(method, url);
            if (accessToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = body as HttpContent ?? JsonContent.Create(body);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var label = $"{method} {url} → {status}";
            if (response.Headers.TryGetValues("sl-violations", out var violations))
            {
                Failures.Add($"{label}: the document does not describe it: {string.Join(" ", violations)}");
            }
            else if (text.Contains(PrismProxy.OwnProblemPrefix, StringComparison.Ordinal))
            {
                Failures.Add($"{label}: Prism answered instead of the host: {text}");
            }
            else if (status != expected)
            {
                Failures.Add($"{label}, expected {expected}: {text}");
            }

            return text;
        }
    }
}
