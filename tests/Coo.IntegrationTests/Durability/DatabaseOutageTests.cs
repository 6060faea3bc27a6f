using System.Net.Http.Json;
using System.Text.Json;

namespace Coo.IntegrationTests.Durability;

/// <summary>
/// Server mode with its PostgreSQL stopped for a while and started again, as a restart or failover does: no
/// acknowledged write is lost, a write that cannot reach the database is a 503 with Retry-After (never a 500), a
/// home timeline whose page is cached is still served, and the host recovers and drains its outbox by itself.
/// </summary>
public sealed class DatabaseOutageTests
{
    [PostgreSqlFact]
    public async Task While_the_database_is_down_writes_get_503_cached_reads_are_served_and_nothing_acknowledged_is_lost()
    {
        await using var database = await PostgreSqlServerProcess.StartAsync();
        await using var factory = new CooApiFactory(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "coo" }.ConnectionString);
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("outage_author");
        var reader = await client.CreateUserAsync("outage_reader");
        await client.FollowOkAsync(reader, "outage_author");
        var acknowledged = new List<string> { (await client.PostCooOkAsync(author, "before")).Text };
        await client.HomeTimelineBecomesAsync(reader, "before");
        await client.HomePageAsync(reader); // Served from the caches from now on.

        await database.StopAsync();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var post = await client.PostCooAsync(author, $"during {i}");
            answers.Add(post.StatusCode);
            if (post.StatusCode == HttpStatusCode.Created)
            {
                acknowledged.Add($"during {i}");
                continue;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
            Assert.True(post.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to retry");
            var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:coo:problem:database-unavailable", problem.GetProperty("type").GetString());
            Assert.DoesNotContain("Npgsql", problem.ToString(), StringComparison.Ordinal);

            var page = await client.HomePageAsync(reader);
            Assert.Equal(["before"], page.Items.Select(c => c.Text));
        }

        Assert.Contains(HttpStatusCode.ServiceUnavailable, answers);

        await database.StartAgainAsync();
        await Eventually.MatchAsync(
            async () =>
            {
                using var post = await client.PostCooAsync(author, "after");
                Assert.Contains(post.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable });
                return post.StatusCode;
            },
            status => status == HttpStatusCode.Created,
            TimeSpan.FromSeconds(60),
            "a post to succeed once the database is back");
        acknowledged.Add("after");

        await OutboxDrain.WaitAsync(factory);
        acknowledged.Reverse();
        await client.HomeTimelineBecomesAsync(reader, [.. acknowledged]);
    }
}
