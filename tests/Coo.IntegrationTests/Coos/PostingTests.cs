using System.Text.Json;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Coos;

[Collection(ApiCollection.Name)]
public sealed class PostingTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Posting_returns_201_with_the_coo_its_author_and_its_location(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var alice = await client.CreateUserAsync("alice");

        using var response = await client.PostCooAsync(alice, "  Hello, world!  ");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/coos/{id}", response.Headers.Location?.ToString());
        Assert.Equal("Hello, world!", body.GetProperty("text").GetString());
        Assert.Equal(alice.Id, body.GetProperty("author").GetProperty("id").GetString());
        Assert.Equal("alice", body.GetProperty("author").GetProperty("username").GetString());
        Assert.EndsWith("+00:00", body.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        var events = await DatabaseProbe.OutboxRowsAsync(factory, "coos");
        Assert.Contains(events, e => e.EventName == "coos.coo-posted.v1");
    }

    [Theory, Providers]
    public async Task A_post_and_its_authors_own_timeline_entry_commit_together_or_not_at_all(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var alice = await client.CreateUserAsync("alice");

        // The database refuses Alice's own timeline entry: the post must then keep nothing, not a coo without it.
        await DatabaseProbe.ExecuteAsync(factory, "timeline", factory.Provider == TestProvider.Sqlite
            ? $"CREATE TRIGGER refuse_entry BEFORE INSERT ON timeline_entries WHEN NEW.owner_id = {alice.Id} BEGIN SELECT RAISE(ABORT, 'refused'); END"
            : $"""
               CREATE FUNCTION timeline.refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
               CREATE TRIGGER refuse_entry BEFORE INSERT ON timeline.entries FOR EACH ROW WHEN (NEW.owner_id = {alice.Id}) EXECUTE FUNCTION timeline.refuse_entry();
               """);
        try
        {
            using var refused = await client.PostCooAsync(alice, "only with my own entry");

            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
            Assert.Empty(await DatabaseProbe.OutboxRowsAsync(factory, "coos"));
        }
        finally
        {
            await DatabaseProbe.ExecuteAsync(factory, "timeline", factory.Provider == TestProvider.Sqlite
                ? "DROP TRIGGER refuse_entry"
                : "DROP TRIGGER refuse_entry ON timeline.entries; DROP FUNCTION timeline.refuse_entry()");
        }

        var posted = await client.PostCooOkAsync(alice, "with my own entry");
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "entries", "timeline"));
        Assert.Equal(posted.Id, Assert.Single(await client.WholeHomeTimelineAsync(alice)).Id);
    }

    [Theory, Providers]
    public async Task Text_is_stored_in_NFC_so_a_decomposed_accent_comes_back_composed(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var bob = await client.CreateUserAsync("bob");

        var posted = await client.PostCooOkAsync(bob, "caf\u0065\u0301");
        using var read = await client.GetAsync($"/api/v1/coos/{posted.Id}");

        var stored = (await read.Content.ReadFromJsonAsync<CooItem>())!;
        Assert.Equal("caf\u00e9", stored.Text);
        Assert.Equal(4, stored.Text.Length);
    }

    public static TheoryData<string, bool> Lengths => new()
    {
        { new string('a', 280), true },
        { new string('a', 281), false },
        { string.Concat(Enumerable.Repeat("👍🏽", 280)), true },
        { string.Concat(Enumerable.Repeat("🇳🇱", 281)), false },
        { "a" + new string('\u0301', 4001), false },
        { "   ", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public async Task Length_counts_perceived_characters_up_to_280_and_refuses_combining_mark_bombs(string text, bool accepted)
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var carol = await client.CreateUserAsync("carol");

        using var response = await client.PostCooAsync(carol, text);

        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
        if (!accepted)
        {
            Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("text", out _));
            Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
        }
    }

    [Theory, Providers]
    public async Task Posting_needs_a_signed_in_user(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/coos", new { text = "anonymous" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
    }

    [Theory, Providers]
    public async Task A_retried_post_with_the_same_Idempotency_Key_returns_the_first_coo(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var dave = await client.CreateUserAsync("dave");

        using var first = await client.PostCooAsync(dave, "only once", "key-1");
        using var retry = await client.PostCooAsync(dave, "only once", "key-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<CooItem>())!.Id, (await retry.Content.ReadFromJsonAsync<CooItem>())!.Id);
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
    }

    [Theory, Providers]
    public async Task A_retried_post_answers_with_the_coo_as_it_is_now_and_a_new_one_with_no_reactions(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var erin = await client.CreateUserAsync("erin");
        var fan = await client.CreateUserAsync("fan");

        using var first = await client.PostCooAsync(erin, "like me", "key-2");
        var posted = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var like = await client.SendAsAsync(HttpMethod.Put, $"/api/v1/coos/{posted.GetProperty("id").GetString()}/like", fan.Tokens.AccessToken);
        using var retry = await client.PostCooAsync(erin, "like me", "key-2");

        Assert.Equal(HttpStatusCode.OK, like.StatusCode);
        Assert.Equal(0, posted.GetProperty("likesCount").GetInt32());
        Assert.Equal(0, posted.GetProperty("repliesCount").GetInt32());
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("likesCount").GetInt32());
    }

    [Theory, Providers]
    public async Task Concurrent_retries_with_one_Idempotency_Key_create_one_coo(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var erin = await client.CreateUserAsync("erin");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostCooAsync(erin, "racing", "key-race")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<CooItem>())!.Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory, Providers]
    public async Task A_coo_of_over_a_hundred_mentions_that_name_nobody_is_posted_without_them(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var joan = await client.CreateUserAsync("joan");

        // 37 one-character and 68 two-character names, each closed by a combining mark: 278 perceived characters.
        var oneCharacter = "abcdefghijklmnopqrstuvwxyz0123456789_".Select(c => c.ToString());
        var twoCharacters = "abc".SelectMany(first => "abcdefghijklmnopqrstuvwxyz".Select(second => $"{first}{second}")).Take(68);
        var text = string.Concat(oneCharacter.Concat(twoCharacters).Select(name => $"@{name}\u0332"));
        using var response = await client.PostCooAsync(joan, text);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entities").GetProperty("mentions").EnumerateArray());
    }

    [Theory, Providers]
    public async Task A_key_used_again_after_its_day_posts_a_new_coo_and_is_kept_for_that_one(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var kai = await client.CreateUserAsync("kai_key");
        using var first = await client.PostCooAsync(kai, "once a day", "daily-key");

        await AgeIdempotencyKeysAsync(factory, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        using var nextDay = await client.PostCooAsync(kai, "once a day", "daily-key");
        using var retryOfNextDay = await client.PostCooAsync(kai, "once a day", "daily-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        var (firstId, nextDayId) = ((await first.Content.ReadFromJsonAsync<CooItem>())!.Id, (await nextDay.Content.ReadFromJsonAsync<CooItem>())!.Id);
        Assert.NotEqual(firstId, nextDayId);
        Assert.Equal(nextDayId, (await retryOfNextDay.Content.ReadFromJsonAsync<CooItem>())!.Id);
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "idempotency_keys", "coos"));
    }

    [Theory, Providers]
    public async Task An_Idempotency_Key_is_forgotten_a_day_after_its_post_and_its_coo_stays(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ivy = await client.CreateUserAsync("ivy");
        using var posted = await client.PostCooAsync(ivy, "remember me", "key-old");

        await factory.RunJobAsync<IdempotencyKeyCleanupJob>(TimeSpan.FromHours(23));
        var keptWithinADay = await DatabaseProbe.CountAsync(factory, "idempotency_keys", "coos");
        await factory.RunJobAsync<IdempotencyKeyCleanupJob>(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(1, keptWithinADay);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "idempotency_keys", "coos"));
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
    }

    [Theory, Providers]
    public async Task The_same_Idempotency_Key_with_different_text_is_422_and_another_user_may_use_the_key(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var frank = await client.CreateUserAsync("frank");
        var grace = await client.CreateUserAsync("grace");
        using var first = await client.PostCooAsync(frank, "first text", "shared-key");

        using var different = await client.PostCooAsync(frank, "other text", "shared-key");
        using var otherUser = await client.PostCooAsync(grace, "other text", "shared-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("urn:coo:problem:coos.idempotency-key-reused", (await different.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Created, otherUser.StatusCode);
        Assert.Equal(2, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
    }

    /// <summary>Makes every stored <c>Idempotency-Key</c> as old as if it had been used <paramref name="age"/> earlier.</summary>
    private static async Task AgeIdempotencyKeysAsync(CooApiFactory factory, TimeSpan age)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoosDbContext>();
        foreach (var record in await db.IdempotencyRecords.ToListAsync())
        {
            db.Entry(record).Property(r => r.CreatedAt).CurrentValue -= age;
        }

        await db.SaveChangesAsync();
    }
}
