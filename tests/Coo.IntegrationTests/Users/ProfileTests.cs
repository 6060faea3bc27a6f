using Coo.Modules.Users.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Users;

[Collection(ApiCollection.Name)]
public sealed class ProfileTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task My_profile_needs_a_signed_in_user(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        using var me = await client.GetAsync("/api/v1/users/me");
        using var patch = await client.PatchAsJsonAsync("/api/v1/users/me", new { bio = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, patch.StatusCode);
        Assert.Equal(401, (await me.ReadProblemAsync()).GetProperty("status").GetInt32());
    }

    [Theory, Providers]
    public async Task Editing_my_profile_changes_only_the_given_fields_and_stores_text_in_NFC(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("liam");

        using var bio = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { bio = "  Cafe\u0301 owner \n" });
        using var name = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { displayName = "Liam L." });

        Assert.Equal(HttpStatusCode.OK, bio.StatusCode);
        using var profile = await client.GetAsync("/api/v1/users/LIAM");
        var body = (await profile.Content.ReadFromJsonAsync<Profile>())!;
        Assert.Equal("Caf\u00e9 owner", body.Bio);
        Assert.Equal("Liam L.", body.DisplayName);
        var events = await DatabaseProbe.OutboxRowsAsync(factory, "users");
        Assert.Equal(2, events.Count(e => e.EventName == "users.user-profile-updated.v1"));
    }

    [Theory, Providers]
    public async Task Concurrent_edits_of_different_fields_both_survive(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("nora");

        // Each pair races a read-modify-write of the same row; without the concurrency token the later save would put
        // back the other field's old value.
        for (var round = 0; round < 5; round++)
        {
            var edits = await Task.WhenAll(
                client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { bio = $"bio {round}" }),
                client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { displayName = $"Nora {round}" }));
            Assert.All(edits, e => Assert.Equal(HttpStatusCode.OK, e.StatusCode));
            using var profile = await client.GetAsync("/api/v1/users/nora");
            var body = (await profile.Content.ReadFromJsonAsync<Profile>())!;
            Assert.Equal(($"bio {round}", $"Nora {round}"), (body.Bio, body.DisplayName));
        }
    }

    [Theory, Providers]
    public async Task Many_edits_at_once_each_apply_or_ask_to_be_sent_again_and_none_fails(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("nora");
        var names = Enumerable.Range(0, 12).Select(i => $"Nora {i}").ToList();

        var edits = await Task.WhenAll(names.Select(name =>
            client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { displayName = name })));

        foreach (var edit in edits)
        {
            Assert.Contains(edit.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            if (edit.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal("urn:coo:problem:users.profile-edited-meanwhile", (await edit.ReadProblemAsync()).GetProperty("type").GetString());
            }

            edit.Dispose();
        }

        using var profile = await client.GetAsync("/api/v1/users/nora");
        Assert.Contains((await profile.Content.ReadFromJsonAsync<Profile>())!.DisplayName, names);
    }

    [Theory, Providers]
    public async Task An_edit_that_loses_to_others_five_times_is_a_409_and_changes_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("nora");

        // Every save of Nora's row updates nothing, as when another edit always came first.
        await DatabaseProbe.ExecuteAsync(factory, "users", provider == TestProvider.Sqlite
            ? $"CREATE TRIGGER always_changed BEFORE UPDATE ON users_users WHEN OLD.id = {user.Id} BEGIN SELECT RAISE(IGNORE); END"
            : $"""
               CREATE OR REPLACE FUNCTION users.always_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
               DROP TRIGGER IF EXISTS always_changed ON users.users;
               CREATE TRIGGER always_changed BEFORE UPDATE ON users.users FOR EACH ROW WHEN (OLD.id = {user.Id}) EXECUTE FUNCTION users.always_changed();
               """);
        try
        {
            using var edit = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { displayName = "Lost" });

            Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
            Assert.Equal("urn:coo:problem:users.profile-edited-meanwhile", (await edit.ReadProblemAsync()).GetProperty("type").GetString());
        }
        finally
        {
            await DatabaseProbe.ExecuteAsync(factory, "users", provider == TestProvider.Sqlite
                ? "DROP TRIGGER always_changed"
                : "DROP TRIGGER always_changed ON users.users; DROP FUNCTION users.always_changed()");
        }

        using var profile = await client.GetAsync("/api/v1/users/nora");
        Assert.Equal("nora", (await profile.Content.ReadFromJsonAsync<Profile>())!.DisplayName);
        Assert.DoesNotContain(await DatabaseProbe.OutboxRowsAsync(factory, "users"), e => e.EventName == "users.user-profile-updated.v1");
    }

    [Theory, Providers]
    public async Task An_empty_display_name_falls_back_to_the_username(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var user = await client.CreateUserAsync("mia");

        using var response = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { displayName = "   " });

        Assert.Equal("mia", (await response.Content.ReadFromJsonAsync<Profile>())!.DisplayName);
    }

    [Theory, Providers]
    public async Task A_bio_over_160_characters_is_400_and_leaves_the_profile_unchanged(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("noah");

        using var response = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { bio = new string('b', 161), displayName = "Changed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("bio", out _));
        using var profile = await client.GetAsync("/api/v1/users/noah");
        var body = (await profile.Content.ReadFromJsonAsync<Profile>())!;
        Assert.Equal(("", "noah"), (body.Bio, body.DisplayName));
        Assert.DoesNotContain(await DatabaseProbe.OutboxRowsAsync(factory, "users"), e => e.EventName == "users.user-profile-updated.v1");
    }

    [Theory, Providers]
    public async Task A_public_profile_is_found_without_regard_to_case_and_hides_the_email(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        await client.CreateUserAsync("Olivia");

        using var response = await client.GetAsync("/api/v1/users/oLIVIA");
        using var unknown = await client.GetAsync("/api/v1/users/nobody");

        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("Olivia", body.GetProperty("username").GetString());
        Assert.False(body.TryGetProperty("email", out _));
        Assert.Equal(0, body.GetProperty("followersCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:coo:problem:users.not-found", (await unknown.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Theory, Providers]
    public async Task Other_modules_get_users_by_id_in_one_batch_through_the_contract(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var paul = await client.CreateUserAsync("paul");
        var quinn = await client.CreateUserAsync("quinn");
        var ids = new[] { long.Parse(paul.Id, System.Globalization.CultureInfo.InvariantCulture), long.Parse(quinn.Id, System.Globalization.CultureInfo.InvariantCulture), 42L };

        await using var scope = factory.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetUsersByIds(ids));

        Assert.Equal(["paul", "quinn"], users.Select(u => u.Username).Order());
    }
}
