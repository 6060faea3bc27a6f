using Coo.IntegrationTests.Observability;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Caching;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Coo.IntegrationTests.Caching;

/// <summary>
/// Cache maintenance is durable and bounded: a change's cache update survives a client that goes away and a Redis
/// that is away, and one instance's failed Redis call never discards the caches the whole deployment shares.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CacheDurabilityTests
{
    [Fact]
    public async Task One_failed_Redis_write_on_one_instance_leaves_the_other_instances_cached_timelines_in_place()
    {
        await using var first = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true);
        await first.ResetAsync();
        await using var second = new CooApiFactory(first.ConnectionString) { Settings = { ["Redis:KeyPrefix"] = first.RedisKeyPrefix } };
        using var viaFirst = first.CreateClient();
        using var viaSecond = second.CreateClient();
        var author = await viaFirst.CreateUserAsync("shared_author");
        var readers = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var reader = await viaFirst.CreateUserAsync($"shared_reader{i}");
            await viaFirst.FollowOkAsync(reader, "shared_author");
            readers.Add(reader);
        }

        await viaFirst.PostCooOkAsync(author, "cached");
        await OutboxDrain.WaitAsync(first);
        foreach (var reader in readers)
        {
            await viaSecond.HomeTimelineBecomesAsync(reader, "cached");
        }

        using var metrics = new MetricsRecorder(second.Services);
        await Eventually.MatchAsync(
            async () =>
            {
                var missesBefore = metrics.Sum("coo.timeline.cache.misses");
                foreach (var reader in readers)
                {
                    await viaSecond.HomePageAsync(reader);
                }

                return metrics.Sum("coo.timeline.cache.misses") - missesBefore;
            },
            newMisses => newMisses == 0,
            what: "a round of reads served from the cache alone");

        // One Redis call times out on the first instance (as a network blip would).
        var redis = first.Services.GetRequiredService<ResilientRedis>();
        Assert.False(await redis.TryWriteAsync(_ => throw new RedisTimeoutException("injected timeout", CommandStatus.Sent), CancellationToken.None));

        var missesBefore = metrics.Sum("coo.timeline.cache.misses");
        foreach (var reader in readers)
        {
            Assert.Equal(["cached"], (await viaSecond.HomePageAsync(reader)).Items.Select(c => c.Text));
        }

        Assert.Equal(missesBefore, metrics.Sum("coo.timeline.cache.misses")); // No rebuild anywhere.
    }

    [Fact]
    public async Task A_delete_whose_client_left_right_after_the_commit_while_Redis_was_away_is_never_served_once_Redis_answers()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var factory = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true)
        {
            Settings =
            {
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["Redis:OperationTimeout"] = "00:00:03", // A long window between the commit and the write-through's timeout.
                ["Redis:BreakDuration"] = "00:00:02",
            },
        };
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("gone_author");
        var doomed = await client.PostCooOkAsync(author, "doomed");
        using var observer = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},abortConnect=false");
        var key = $"{factory.RedisKeyPrefix}e:coo.v3:{doomed.Id}";
        await Eventually.MatchAsync(
            async () =>
            {
                await client.SendAsAsync(HttpMethod.Get, $"/api/v1/coos/{doomed.Id}", accessToken: null);
                await client.HomePageAsync(author);
                return await observer.GetDatabase().KeyExistsAsync(key);
            },
            cached => cached,
            what: "the coo's summary cached");

        // Redis hangs; the client gives up on the delete right after its commit, while the write-through waits.
        redis.Freeze();
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/coos/{doomed.Id}").Authorized(author.Tokens.AccessToken);
        var deleting = client.SendAsync(request, leave.Token);
        await Eventually.MatchAsync(
            async () => await DatabaseProbe.CountAsync(factory, "coos", "coos"),
            count => count == 0,
            what: "the delete to be committed");
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deleting);

        redis.Thaw();
        var thawed = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.MatchAsync(
            async () => (string?)await observer.GetDatabase().StringGetAsync(key),
            value => value == "-",
            TimeSpan.FromSeconds(30),
            "the cached summary replaced by a tombstone");
        var repairedAfter = thawed.Elapsed;

        using var read = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/coos/{doomed.Id}", accessToken: null);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("doomed", (await client.HomePageAsync(author)).Items.Select(c => c.Text));
        Console.WriteLine($"cache repair after Redis answered again: {repairedAfter.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_profile_change_whose_client_left_right_after_the_commit_while_Redis_was_away_is_served_once_Redis_answers()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var factory = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true)
        {
            Settings =
            {
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["Redis:OperationTimeout"] = "00:00:03", // A long window between the commit and the write-through's timeout.
                ["Redis:BreakDuration"] = "00:00:02",
            },
        };
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("renamed_author");
        var coo = await client.PostCooOkAsync(author, "signed with the old name");
        using var observer = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},abortConnect=false");
        var key = $"{factory.RedisKeyPrefix}e:{factory.Services.GetRequiredService<EntityCacheOptions<UserSummary>>().Name}:{author.Id}";
        await Eventually.MatchAsync(
            async () =>
            {
                await client.SendAsAsync(HttpMethod.Get, $"/api/v1/coos/{coo.Id}", accessToken: null);
                return await observer.GetDatabase().KeyExistsAsync(key);
            },
            cached => cached,
            what: "the author's summary cached");

        // Redis hangs; the client gives up on the change right after its commit, while the write-through waits.
        redis.Freeze();
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/users/me")
        {
            Content = JsonContent.Create(new { displayName = "The New Name" }),
        }.Authorized(author.Tokens.AccessToken);
        var changing = client.SendAsync(request, leave.Token);
        await Eventually.MatchAsync(
            async () => (await DatabaseProbe.OutboxRowsAsync(factory, "users")).Count(e => e.EventName == "users.user-profile-updated.v1"),
            count => count == 1,
            what: "the change to be committed");
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => changing);

        redis.Thaw();
        var thawed = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.MatchAsync(
            async () => (string?)await observer.GetDatabase().StringGetAsync(key),
            value => value?.Contains("The New Name", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30),
            "the cached summary to carry the new name");
        var repairedAfter = thawed.Elapsed;

        using var read = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/coos/{coo.Id}", accessToken: null);
        Assert.Equal("The New Name", (await read.Content.ReadFromJsonAsync<CooItem>())!.Author.DisplayName);
        Console.WriteLine($"cache repair after Redis answered again: {repairedAfter.TotalMilliseconds:F0} ms");
    }

}
