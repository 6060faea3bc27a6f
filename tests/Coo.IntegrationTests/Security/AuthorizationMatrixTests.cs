namespace Coo.IntegrationTests.Security;

/// <summary>
/// Every operation of the published API, called by every kind of caller: anonymous, with each forged token, as
/// another user, as the owner of what it touches and as an administrator. Each gets the status its row promises, and
/// a refused request leaves the data as it was. The operations come from the host's OpenAPI document, so an endpoint
/// added without a row here fails the test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture fixture)
{
    /// <summary>Who may call an operation.</summary>
    private enum Access
    {
        /// <summary>Anyone, signed in or not; an invalid token is ignored, not refused.</summary>
        Anyone,

        /// <summary>Any signed-in user.</summary>
        SignedIn,

        /// <summary>Only the owner of the resource; to anyone else signed in it does not exist (404).</summary>
        Owner,

        /// <summary>Administrators only; other signed-in users get 403.</summary>
        Admin,
    }

    private enum Caller
    {
        Stranger,
        Other,
        Owner,
        Admin,
    }

    private sealed record Request(string Url, object? Body = null);

    /// <param name="Access">Who may call it.</param>
    /// <param name="Success">The status of an allowed call.</param>
    /// <param name="Prepare">Makes the request (and whatever it acts on, such as a fresh coo of the owner's).</param>
    /// <param name="AsOwner">The owner's status where it differs from <paramref name="Success"/> (following yourself).</param>
    private sealed record Row(Access Access, int Success, Func<Context, Task<Request>> Prepare, int? AsOwner = null);

    private sealed class Context(CooApiFactory factory, HttpClient client, TestUser owner)
    {
        private int _sequence;

        public CooApiFactory Factory { get; } = factory;

        public HttpClient Client { get; } = client;

        public TestUser Owner { get; } = owner;

        public int Next() => Interlocked.Increment(ref _sequence);

        public async Task<string> FreshRefreshTokenAsync()
        {
            using var response = await Client.SignInAsync(Owner.Username);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<Tokens>())!.RefreshToken;
        }
    }

    /// <summary>The matrix: one row per operation of the API, keyed as the OpenAPI document names it.</summary>
    private static readonly Dictionary<string, Row> Matrix = new()
    {
        ["POST /api/v1/users"] = new(Access.Anyone, 201, c =>
        {
            var n = c.Next();
            return Task.FromResult(new Request("/api/v1/users", new { username = $"newcomer{n}", email = $"newcomer{n}@example.com", password = ApiClientExtensions.Password }));
        }),
        ["POST /api/v1/auth/token"] = new(Access.Anyone, 200, c =>
            Task.FromResult(new Request("/api/v1/auth/token", new { username = c.Owner.Username, password = ApiClientExtensions.Password }))),
        ["POST /api/v1/auth/refresh"] = new(Access.Anyone, 200, async c => new Request("/api/v1/auth/refresh", new { refreshToken = await c.FreshRefreshTokenAsync() })),
        ["POST /api/v1/auth/logout"] = new(Access.Anyone, 204, async c => new Request("/api/v1/auth/logout", new { refreshToken = await c.FreshRefreshTokenAsync() })),
        ["POST /api/v1/apps"] = new(Access.Anyone, 200, c => Task.FromResult(new Request(
            "/api/v1/apps", new { client_name = $"client {c.Next()}", redirect_uris = "urn:ietf:wg:oauth:2.0:oob" }))),
        ["GET /api/v1/oauth/clients/{clientId}"] = new(Access.Anyone, 200, async c =>
            new Request($"/api/v1/oauth/clients/{(await OAuth.OAuthClients.CreateAppAsync(c.Client)).ClientId}")),
        ["GET /api/v1/users/me"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/users/me"))),
        ["GET /api/v1/users/me/limits"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/users/me/limits"))),
        ["PATCH /api/v1/users/me"] = new(Access.SignedIn, 200, c => Task.FromResult(new Request("/api/v1/users/me", new { bio = $"changed {c.Next()}" }))),
        ["GET /api/v1/users/{username}"] = new(Access.Anyone, 200, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}"))),
        ["GET /api/v1/users/{username}/coos"] = new(Access.Anyone, 200, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}/coos"))),
        ["GET /api/v1/users/{username}/followers"] = new(Access.Anyone, 200, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}/followers"))),
        ["GET /api/v1/users/{username}/following"] = new(Access.Anyone, 200, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}/following"))),
        ["PUT /api/v1/users/{username}/follow"] = new(Access.SignedIn, 204, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}/follow")), AsOwner: 422),
        ["DELETE /api/v1/users/{username}/follow"] = new(Access.SignedIn, 204, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}/follow"))),
        ["POST /api/v1/coos"] = new(Access.SignedIn, 201, c => Task.FromResult(new Request("/api/v1/coos", new { text = $"a new coo {c.Next()}" }))),
        ["GET /api/v1/coos/limits"] = new(Access.Anyone, 200, _ => Task.FromResult(new Request("/api/v1/coos/limits"))),
        ["GET /api/v1/coos/{id}"] = new(Access.Anyone, 200, async c => new Request($"/api/v1/coos/{(await c.Client.PostCooOkAsync(c.Owner, $"to read {c.Next()}")).Id}")),
        ["DELETE /api/v1/coos/{id}"] = new(Access.Owner, 204, async c => new Request($"/api/v1/coos/{(await c.Client.PostCooOkAsync(c.Owner, $"to delete {c.Next()}")).Id}")),
        ["GET /api/v1/coos/{id}/thread"] = new(Access.Anyone, 200, async c => new Request($"/api/v1/coos/{(await c.Client.PostCooOkAsync(c.Owner, $"a thread {c.Next()}")).Id}/thread")),
        ["PUT /api/v1/users/me/pinned-coo"] = new(Access.Owner, 200, async c => new Request(
            "/api/v1/users/me/pinned-coo", new { cooId = (await c.Client.PostCooOkAsync(c.Owner, $"to pin {c.Next()}")).Id })),
        ["DELETE /api/v1/users/me/pinned-coo"] = new(Access.SignedIn, 204, _ => Task.FromResult(new Request("/api/v1/users/me/pinned-coo"))),
        ["PUT /api/v1/coos/{id}/like"] = new(Access.SignedIn, 200, c => CooToReactToAsync(c, "like")),
        ["DELETE /api/v1/coos/{id}/like"] = new(Access.SignedIn, 200, c => CooToReactToAsync(c, "like")),
        ["PUT /api/v1/coos/{id}/repost"] = new(Access.SignedIn, 200, c => CooToReactToAsync(c, "repost")),
        ["DELETE /api/v1/coos/{id}/repost"] = new(Access.SignedIn, 200, c => CooToReactToAsync(c, "repost")),
        ["GET /api/v1/coos/{id}/likes"] = new(Access.Anyone, 200, c => CooToReactToAsync(c, "likes")),
        ["GET /api/v1/coos/{id}/reposts"] = new(Access.Anyone, 200, c => CooToReactToAsync(c, "reposts")),
        ["GET /api/v1/users/{username}/likes"] = new(Access.Anyone, 200, c => Task.FromResult(new Request($"/api/v1/users/{c.Owner.Username}/likes"))),
        ["GET /api/v1/tags/{tag}/coos"] = new(Access.Anyone, 200, _ => Task.FromResult(new Request("/api/v1/tags/coo/coos"))),
        ["GET /api/v1/tags/trending"] = new(Access.Anyone, 200, _ => Task.FromResult(new Request("/api/v1/tags/trending"))),
        ["POST /api/v1/media"] = new(Access.SignedIn, 201, c => Task.FromResult(new Request("/api/v1/media", MediaForms.Image($"image {c.Next()}")))),
        ["GET /api/v1/media/files/{name}"] = new(Access.Anyone, 200, async c => new Request(await MediaForms.UploadAsync(c.Client, c.Owner))),
        ["PUT /api/v1/media/avatar"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/media/avatar", MediaForms.Image(description: null)))),
        ["DELETE /api/v1/media/avatar"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/media/avatar"))),
        ["GET /api/v1/media/default-avatars/{userId}-{side}.png"] = new(Access.Anyone, 200, c => Task.FromResult(new Request($"/api/v1/media/default-avatars/{c.Owner.Id}-96.png"))),
        ["GET /api/v1/users/me/timeline"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/users/me/timeline"))),
        ["GET /api/v1/users/me/notifications"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/users/me/notifications"))),
        ["GET /api/v1/users/me/notifications/unread-count"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/users/me/notifications/unread-count"))),
        ["POST /api/v1/users/me/notifications/read"] = new(Access.SignedIn, 204, _ => Task.FromResult(new Request("/api/v1/users/me/notifications/read", new { }))),
        ["GET /api/v1/users/me/stream"] = new(Access.SignedIn, 200, _ => Task.FromResult(new Request("/api/v1/users/me/stream"))),
        ["POST /api/v1/analytics/events"] = new(Access.Anyone, 202, _ => Task.FromResult(new Request(
            "/api/v1/analytics/events", new { events = new[] { new { name = "timeline_viewed", occurredAt = DateTimeOffset.UtcNow } } }))),
        ["GET /api/v1/admin/stats"] = new(Access.Admin, 200, _ => Task.FromResult(new Request("/api/v1/admin/stats"))),
        ["POST /api/v1/admin/dashboard-session"] = new(Access.Admin, 204, _ => Task.FromResult(new Request("/api/v1/admin/dashboard-session"))),
        ["GET /api/v1/admin/messages/parked"] = new(Access.Admin, 200, _ => Task.FromResult(new Request("/api/v1/admin/messages/parked"))),
        ["POST /api/v1/admin/messages/parked/requeue"] = new(Access.Admin, 200, _ => Task.FromResult(new Request(
            "/api/v1/admin/messages/parked/requeue", new { module = "analytics" }))),
    };

    private static async Task<Request> CooToReactToAsync(Context c, string path) =>
        new($"/api/v1/coos/{(await c.Client.PostCooOkAsync(c.Owner, $"to react to {c.Next()}")).Id}/{path}");

    [Fact]
    public async Task Every_operation_of_the_api_has_a_row_in_the_matrix_and_the_document_hides_no_endpoint()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var (_, operations) = await ApiOperations.DiscoverAsync(client);
        var documented = operations.Select(o => o.Key).ToHashSet();

        Assert.Empty(documented.Except(Matrix.Keys).Order());
        Assert.Empty(Matrix.Keys.Except(documented).Order());
        Assert.Empty(ApiOperations.MappedApiRoutes(factory).Except(documented).Order());
    }

    [Theory, Providers]
    public async Task Each_operation_answers_each_kind_of_caller_as_its_row_says_and_refusals_change_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var owner = await client.CreateUserAsync("olga");
        var other = await client.CreateUserAsync("oscar");
        var admin = await client.CreateAdminAsync(factory.Services);
        var context = new Context(factory, client, owner);
        var (_, operations) = await ApiOperations.DiscoverAsync(client);

        var callers = new List<(string Name, Caller Kind, string? Token)> { ("anonymous", Caller.Stranger, null) };
        callers.AddRange(ForgedTokens.Kinds.Select(kind => ($"token:{kind}", Caller.Stranger, (string?)ForgedTokens.Create(kind, owner.Id))));
        callers.Add(("other user", Caller.Other, other.Tokens.AccessToken));
        callers.Add(("owner", Caller.Owner, owner.Tokens.AccessToken));
        callers.Add(("admin", Caller.Admin, admin.Tokens.AccessToken));

        var failures = new List<string>();
        foreach (var operation in operations.Where(o => Matrix.ContainsKey(o.Key)))
        {
            var row = Matrix[operation.Key];

            // What the previous row's accepted requests set going (Users taking in an avatar Media changed) ends
            // before this row's refusals are watched; refused callers come before accepted ones in each row.
            await OutboxDrain.SettleAsync(factory);
            foreach (var (name, kind, token) in callers)
            {
                var request = await row.Prepare(context);
                var expected = Expected(row, kind);
                var before = await StateSnapshot.TakeAsync(factory, owner.Username);
                using var response = await client.SendAsAsync(new HttpMethod(operation.Method), request.Url, token, request.Body);
                var status = (int)response.StatusCode;
                if (status != expected)
                {
                    failures.Add($"{name} {operation.Method} {request.Url}: {status}, expected {expected}");
                }

                if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{name} {operation.Method} {request.Url}: {status} without problem details");
                    }

                    var after = await StateSnapshot.TakeAsync(factory, owner.Username);
                    if (after != before)
                    {
                        failures.Add($"{name} {operation.Method} {request.Url}: refused with {status} but changed data ({before} → {after})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static int Expected(Row row, Caller caller) => (row.Access, caller) switch
    {
        (Access.Anyone, _) => caller == Caller.Owner ? row.AsOwner ?? row.Success : row.Success,
        (_, Caller.Stranger) => 401,
        (Access.SignedIn, Caller.Owner) => row.AsOwner ?? row.Success,
        (Access.SignedIn, _) => row.Success,
        (Access.Owner, Caller.Owner) => row.Success,
        (Access.Owner, _) => 404,
        (Access.Admin, Caller.Admin) => row.Success,
        (Access.Admin, _) => 403,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}
