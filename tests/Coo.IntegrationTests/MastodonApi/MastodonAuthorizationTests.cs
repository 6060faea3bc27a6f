using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coo.Host.Compositions.MastodonApi;
using Coo.IntegrationTests.OAuth;
using Coo.IntegrationTests.Security;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>
/// Every endpoint of the Mastodon-compatible API, called anonymously, with Coo's own session, with an OAuth token that
/// has exactly the scope the endpoint names and with one whose scopes do not cover it. Each gets what its row
/// promises, refusals in Mastodon's error shape, and a refused request changes nothing. The endpoints come from the
/// host's routes, so one added without a row fails the test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MastodonAuthorizationTests(ApiFixture fixture)
{
    /// <summary>Who may call an endpoint: anyone (a token without the scope is then served as anonymous), or a signed-in user.</summary>
    private enum Access
    {
        Anyone,
        SignedIn,
    }

    private sealed record Request(string Url, object? Body = null);

    /// <param name="Scope">The scope the endpoint names (null: it names none and is open to anyone).</param>
    /// <param name="Streams">An allowed call opens a stream that never ends by itself: its status is all there is to check.</param>
    /// <param name="Success">The status of an allowed call (the WebSocket endpoint answers a plain GET with 400).</param>
    private sealed record Row(Access Access, string? Scope, Func<Context, Task<Request>> Prepare, bool Streams = false, HttpStatusCode Success = HttpStatusCode.OK);

    private sealed class Context(HttpClient client, TestUser owner, TestUser other)
    {
        private int _sequence;

        public HttpClient Client { get; } = client;

        public TestUser Owner { get; } = owner;

        public TestUser Other { get; } = other;

        public int Next() => Interlocked.Increment(ref _sequence);

        public async Task<string> OthersCooAsync() => (await Client.PostCooOkAsync(Other, $"someone else's {Next()}")).Id;

        public async Task<string> OwnersUploadAsync()
        {
            using var response = await Client.SendAsAsync(HttpMethod.Post, "/api/v2/media", Owner.Tokens.AccessToken, MediaForms.Image($"upload {Next()}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        /// <summary>A notification of the owner's: the other user's follow, once it has arrived.</summary>
        public async Task<string> OwnersNotificationAsync()
        {
            await Client.FollowOkAsync(Other, Owner.Username);
            var page = await Eventually.MatchAsync(
                async () =>
                {
                    using var response = await Client.SendAsAsync(HttpMethod.Get, "/api/v1/notifications?types[]=follow", Owner.Tokens.AccessToken);
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                },
                notifications => notifications.GetArrayLength() > 0,
                TimeSpan.FromSeconds(15),
                "the owner's follow notification");
            return page[0].GetProperty("id").GetString()!;
        }
    }

    private static readonly Dictionary<string, Row> Matrix = new()
    {
        ["GET /api/v1/instance"] = new(Access.Anyone, null, _ => Task.FromResult(new Request("/api/v1/instance"))),
        ["GET /api/v2/instance"] = new(Access.Anyone, null, _ => Task.FromResult(new Request("/api/v2/instance"))),
        ["GET /api/v1/accounts/verify_credentials"] = new(Access.SignedIn, MastodonScopes.ReadAccounts, _ => Task.FromResult(new Request("/api/v1/accounts/verify_credentials"))),
        ["PATCH /api/v1/accounts/update_credentials"] = new(Access.SignedIn, MastodonScopes.WriteAccounts, c =>
            Task.FromResult(new Request("/api/v1/accounts/update_credentials", new { display_name = $"Matrix {c.Next()}" }))),
        ["GET /api/v1/accounts/lookup"] = new(Access.Anyone, MastodonScopes.ReadAccounts, c => Task.FromResult(new Request($"/api/v1/accounts/lookup?acct={c.Other.Username}"))),
        ["GET /api/v1/accounts/relationships"] = new(Access.SignedIn, MastodonScopes.ReadFollows, c => Task.FromResult(new Request($"/api/v1/accounts/relationships?id[]={c.Other.Id}"))),
        ["GET /api/v1/accounts/{id}"] = new(Access.Anyone, MastodonScopes.ReadAccounts, c => Task.FromResult(new Request($"/api/v1/accounts/{c.Other.Id}"))),
        ["GET /api/v1/accounts/{id}/statuses"] = new(Access.Anyone, MastodonScopes.ReadStatuses, c => Task.FromResult(new Request($"/api/v1/accounts/{c.Other.Id}/statuses"))),
        ["GET /api/v1/accounts/{id}/followers"] = new(Access.Anyone, MastodonScopes.ReadAccounts, c => Task.FromResult(new Request($"/api/v1/accounts/{c.Other.Id}/followers"))),
        ["GET /api/v1/accounts/{id}/following"] = new(Access.Anyone, MastodonScopes.ReadAccounts, c => Task.FromResult(new Request($"/api/v1/accounts/{c.Other.Id}/following"))),
        ["POST /api/v1/accounts/{id}/follow"] = new(Access.SignedIn, MastodonScopes.WriteFollows, c => Task.FromResult(new Request($"/api/v1/accounts/{c.Other.Id}/follow"))),
        ["POST /api/v1/accounts/{id}/unfollow"] = new(Access.SignedIn, MastodonScopes.WriteFollows, c => Task.FromResult(new Request($"/api/v1/accounts/{c.Other.Id}/unfollow"))),
        ["POST /api/v1/statuses"] = new(Access.SignedIn, MastodonScopes.WriteStatuses, c => Task.FromResult(new Request("/api/v1/statuses", new { status = $"from a client {c.Next()}" }))),
        ["GET /api/v1/statuses/{id}"] = new(Access.Anyone, MastodonScopes.ReadStatuses, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}")),
        ["DELETE /api/v1/statuses/{id}"] = new(Access.SignedIn, MastodonScopes.WriteStatuses, async c =>
            new Request($"/api/v1/statuses/{(await c.Client.PostCooOkAsync(c.Owner, $"to delete {c.Next()}")).Id}")),
        ["GET /api/v1/statuses/{id}/context"] = new(Access.Anyone, MastodonScopes.ReadStatuses, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/context")),
        ["GET /api/v1/statuses/{id}/favourited_by"] = new(Access.Anyone, MastodonScopes.ReadAccounts, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/favourited_by")),
        ["GET /api/v1/statuses/{id}/reblogged_by"] = new(Access.Anyone, MastodonScopes.ReadAccounts, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/reblogged_by")),
        ["POST /api/v1/statuses/{id}/favourite"] = new(Access.SignedIn, MastodonScopes.WriteFavourites, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/favourite")),
        ["POST /api/v1/statuses/{id}/unfavourite"] = new(Access.SignedIn, MastodonScopes.WriteFavourites, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/unfavourite")),
        ["POST /api/v1/statuses/{id}/reblog"] = new(Access.SignedIn, MastodonScopes.WriteStatuses, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/reblog")),
        ["POST /api/v1/statuses/{id}/unreblog"] = new(Access.SignedIn, MastodonScopes.WriteStatuses, async c => new Request($"/api/v1/statuses/{await c.OthersCooAsync()}/unreblog")),
        ["GET /api/v1/timelines/home"] = new(Access.SignedIn, MastodonScopes.ReadStatuses, _ => Task.FromResult(new Request("/api/v1/timelines/home"))),
        ["GET /api/v2/search"] = new(Access.Anyone, MastodonScopes.ReadSearch, c => Task.FromResult(new Request($"/api/v2/search?q=@{c.Other.Username}&type=accounts"))),
        ["GET /api/v1/notifications"] = new(Access.SignedIn, MastodonScopes.ReadNotifications, _ => Task.FromResult(new Request("/api/v1/notifications"))),
        ["GET /api/v1/notifications/{id}"] = new(Access.SignedIn, MastodonScopes.ReadNotifications, async c => new Request($"/api/v1/notifications/{await c.OwnersNotificationAsync()}")),
        ["POST /api/v2/media"] = new(Access.SignedIn, MastodonScopes.WriteMedia, _ => Task.FromResult(new Request("/api/v2/media", MediaForms.Image("matrix upload")))),
        ["GET /api/v1/media/{id:long}"] = new(Access.SignedIn, MastodonScopes.WriteMedia, async c => new Request($"/api/v1/media/{await c.OwnersUploadAsync()}")),
        ["GET /api/v1/streaming"] = new(
            Access.SignedIn, MastodonScopes.ReadStatuses, _ => Task.FromResult(new Request("/api/v1/streaming?stream=user")), Success: HttpStatusCode.BadRequest),
        ["GET /api/v1/streaming/health"] = new(Access.Anyone, null, _ => Task.FromResult(new Request("/api/v1/streaming/health"))),
        ["GET /api/v1/streaming/user"] = new(Access.SignedIn, MastodonScopes.ReadStatuses, _ => Task.FromResult(new Request("/api/v1/streaming/user")), Streams: true),
        ["GET /api/v1/streaming/user/notification"] = new(
            Access.SignedIn, MastodonScopes.ReadNotifications, _ => Task.FromResult(new Request("/api/v1/streaming/user/notification")), Streams: true),
        ["GET /api/v1/timelines/tag/{hashtag}"] = new(Access.Anyone, MastodonScopes.ReadStatuses, _ => Task.FromResult(new Request("/api/v1/timelines/tag/coo"))),
    };

    [Fact]
    public async Task Every_endpoint_of_the_mastodon_api_has_a_row()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()?.Tags.Contains(MastodonApiEndpoints.Tag) == true)
            // CONNECT is how a WebSocket opens over HTTP/2: the same endpoint as its GET row.
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Where(method => method != HttpMethods.Connect)
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.Empty(mapped.Except(Matrix.Keys).Order());
        Assert.Empty(Matrix.Keys.Except(mapped).Order());
    }

    [Theory, Providers]
    public async Task Each_endpoint_answers_each_kind_of_caller_and_token_scope_as_its_row_says_and_refusals_change_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var owner = await client.CreateUserAsync("matrix_masto");
        var other = await client.CreateUserAsync("matrix_other");
        var app = await client.CreateAppAsync();
        var context = new Context(client, owner, other);
        var tokens = new Dictionary<string, string>();
        async Task<string> TokenAsync(string scope) => tokens.TryGetValue(scope, out var token) ? token : tokens[scope] = await client.PasswordTokenAsync(app, owner, scope);

        var failures = new List<string>();
        foreach (var (key, row) in Matrix)
        {
            var method = new HttpMethod(key[..key.IndexOf(' ', StringComparison.Ordinal)]);
            List<(string Caller, string? Token, bool Allowed)> callers =
            [
                ("anonymous", null, row.Access == Access.Anyone),
                ("Coo session", owner.Tokens.AccessToken, true),
            ];
            if (row.Scope is { } scope)
            {
                callers.Add(($"token with {scope}", await TokenAsync(scope), true));
                var wrong = scope.StartsWith("read", StringComparison.Ordinal) ? MastodonScopes.Write : MastodonScopes.Read;
                callers.Add(($"token with {wrong} only", await TokenAsync(wrong), row.Access == Access.Anyone));
            }

            foreach (var (caller, token, allowed) in callers)
            {
                var request = await row.Prepare(context);
                var before = await StateSnapshot.TakeAsync(factory, owner.Username);
                using var response = await client.SendAsAsync(method, request.Url, token, request.Body);
                var expected = allowed ? row.Success : token is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                var text = allowed && row.Streams && response.StatusCode == expected ? "" : await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected)
                {
                    failures.Add($"{key} as {caller}: {(int)response.StatusCode} (expected {(int)expected}) {text}");
                    continue;
                }

                if (!allowed)
                {
                    var error = JsonDocument.Parse(text).RootElement;
                    if (response.Content.Headers.ContentType?.MediaType != "application/json" || !error.TryGetProperty("error", out _))
                    {
                        failures.Add($"{key} as {caller}: not Mastodon's error body: {text}");
                    }

                    var after = await StateSnapshot.TakeAsync(factory, owner.Username);
                    if (after != before)
                    {
                        failures.Add($"{key} as {caller}: refused but the data changed: {before} → {after}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }
}
