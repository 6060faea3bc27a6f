namespace Coo.IntegrationTests.Security;

/// <summary>
/// Every endpoint that reads or changes user data, called by every kind of caller: each gets the status it should,
/// and a refused request leaves every table as it was.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture fixture)
{
    /// <summary>One endpoint and the status each caller gets: anonymous or forged token, another user, the owner.</summary>
    private sealed record Case(string Method, string Url, object? Body, int Stranger, int Other, int Owner);

    [Theory, Providers]
    public async Task Each_endpoint_answers_each_kind_of_caller_as_it_should_and_refusals_change_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var owner = await client.CreateUserAsync("olga");
        var other = await client.CreateUserAsync("oscar");
        var coo = await client.PostCooOkAsync(owner, "olga's coo");
        await OutboxDrain.WaitAsync(factory);

        Case[] cases =
        [
            new("GET", "/api/v1/users/me", null, 401, 200, 200),
            new("PATCH", "/api/v1/users/me", new { bio = "changed" }, 401, 200, 200),
            new("GET", "/api/v1/users/olga", null, 200, 200, 200),
            new("POST", "/api/v1/coos", new { text = "a new coo" }, 401, 201, 201),
            new("GET", $"/api/v1/coos/{coo.Id}", null, 200, 200, 200),
            new("GET", "/api/v1/users/olga/coos", null, 200, 200, 200),
            new("PUT", "/api/v1/users/olga/follow", null, 401, 204, 422),
            new("DELETE", "/api/v1/users/olga/follow", null, 401, 204, 204),
            new("GET", "/api/v1/users/olga/followers", null, 200, 200, 200),
            new("GET", "/api/v1/users/olga/following", null, 200, 200, 200),
            new("GET", "/api/v1/timelines/home", null, 401, 200, 200),
            new("DELETE", $"/api/v1/coos/{coo.Id}", null, 401, 404, 204),
        ];

        var failures = new List<string>();
        var callers = new List<(string Name, string? Token, Func<Case, int> Expected)> { ("anonymous", null, c => c.Stranger) };
        callers.AddRange(ForgedTokens.Kinds.Select(kind => ($"token:{kind}", (string?)ForgedTokens.Create(kind, owner.Id), (Func<Case, int>)(c => c.Stranger))));
        callers.Add(("other user", other.Tokens.AccessToken, c => c.Other));
        callers.Add(("owner", owner.Tokens.AccessToken, c => c.Owner));

        foreach (var (name, token, expected) in callers)
        {
            foreach (var @case in cases)
            {
                var before = await SnapshotAsync(factory);
                using var response = await client.SendAsAsync(new HttpMethod(@case.Method), @case.Url, token, @case.Body);
                var status = (int)response.StatusCode;
                if (status != expected(@case))
                {
                    failures.Add($"{name} {@case.Method} {@case.Url}: {status}, expected {expected(@case)}");
                }

                if (status >= 400 && await SnapshotAsync(factory) != before)
                {
                    failures.Add($"{name} {@case.Method} {@case.Url}: refused with {status} but changed data");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Row counts of the tables requests write, plus the owner's profile text.</summary>
    private static async Task<string> SnapshotAsync(CooApiFactory factory)
    {
        var counts = new List<long>
        {
            await DatabaseProbe.CountAsync(factory, "users", "users"),
            await DatabaseProbe.CountAsync(factory, "coos", "coos"),
            await DatabaseProbe.CountAsync(factory, "follows", "follows"),
            await DatabaseProbe.CountAsync(factory, "outbox_messages", "users"),
            await DatabaseProbe.CountAsync(factory, "outbox_messages", "coos"),
            await DatabaseProbe.CountAsync(factory, "outbox_messages", "follows"),
        };
        using var client = factory.CreateClient();
        var profile = await client.ProfileAsync("olga");
        return $"{string.Join(",", counts)}|{profile.Bio}|{profile.DisplayName}";
    }
}
