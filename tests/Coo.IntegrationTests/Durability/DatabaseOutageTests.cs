using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coo.IntegrationTests.Durability;

/// <summary>
/// Server mode with its PostgreSQL stopped for a while and started again, as a restart or failover does, while four
/// clients post and two read their home timelines: no acknowledged write is lost, a write that cannot reach the
/// database is a 503 with Retry-After (never a 500), a home timeline whose page is cached is still served, and the
/// host recovers and drains its outbox by itself.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class DatabaseOutageTests
{
    private const int Posters = 4;
    private const int Readers = 2;

    /// <summary>Answers each client gets while the database is down before it is started again.</summary>
    private const int AnswersDuringOutage = 5;

    private enum Phase
    {
        Up,
        Down,
        Restarted,
    }

    private sealed record Answer(string Client, Phase SentIn, Phase AnsweredIn, HttpStatusCode Status, string? Problem, TimeSpan? RetryAfter);

    [Fact]
    public async Task Under_load_while_the_database_is_down_writes_get_503_cached_reads_are_served_and_nothing_acknowledged_is_lost()
    {
        await using var database = await PostgreSqlServerProcess.StartAsync();
        await using var factory = new CooApiFactory(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "coo" }.ConnectionString)
        {
            // What is tested is the database's outage, on two cores shared with the load this test makes: Redis'
            // production timeout of 250 ms would, under that load, send some cached reads to the stopped database.
            Settings = { ["Redis:OperationTimeout"] = "00:00:02" },
        };
        await factory.ResetAsync();
        using var setup = factory.CreateClient();
        var authors = new List<TestUser>();
        for (var i = 0; i < Posters; i++)
        {
            authors.Add(await setup.CreateUserAsync($"outage_author{i}"));
        }

        var readers = new List<TestUser>();
        for (var i = 0; i < Readers; i++)
        {
            var reader = await setup.CreateUserAsync($"outage_reader{i}");
            foreach (var author in authors)
            {
                await setup.FollowOkAsync(reader, author.Username);
            }

            readers.Add(reader);
        }

        foreach (var author in authors)
        {
            await setup.PostCooOkAsync(author, $"{author.Username} before the load");
        }

        await OutboxDrain.WaitAsync(factory);
        foreach (var reader in readers)
        {
            Assert.Equal(Posters, (await setup.HomePageAsync(reader)).Items.Count); // Cached from now on, and kept so by the fan-out.
        }

        var phase = (int)Phase.Up;
        var answers = new ConcurrentQueue<Answer>();
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var clients = authors.Select((author, i) => Task.Run(() => PostAsync($"poster {i}", author)))
            .Concat(readers.Select((reader, i) => Task.Run(() => ReadAsync($"reader {i}", reader))))
            .ToList();

        await WhenEveryClientAnsweredAsync(Phase.Up, 3, "answers before the outage");
        await database.StopAsync();
        Volatile.Write(ref phase, (int)Phase.Down);
        await WhenEveryClientAnsweredAsync(Phase.Down, AnswersDuringOutage, "answers while the database is down");
        await database.StartAgainAsync();
        Volatile.Write(ref phase, (int)Phase.Restarted);
        await Eventually.MatchAsync(
            () => Task.FromResult(answers.Count(a => a.SentIn == Phase.Restarted && a.Status == HttpStatusCode.Created)),
            created => created >= Posters,
            TimeSpan.FromSeconds(60),
            "posts to succeed once the database is back");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var unexpected = answers.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, $"every answer is a success or a 503, but got {string.Join(", ", unexpected)}");
        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, a =>
        {
            Assert.Equal("urn:coo:problem:database-unavailable", a.Problem);
            Assert.True(a.RetryAfter > TimeSpan.Zero, "a 503 says when to retry");
        });

        // The readers' pages were cached before the stop, and nothing on a cached read's path needs the database.
        var readsWhileDown = answers.Where(a => a.Client.StartsWith("reader", StringComparison.Ordinal) && a.SentIn == Phase.Down && a.AnsweredIn == Phase.Down).ToList();
        Assert.NotEmpty(readsWhileDown);
        Assert.All(readsWhileDown, a => Assert.Equal(HttpStatusCode.OK, a.Status));

        await OutboxDrain.WaitAsync(factory, TimeSpan.FromSeconds(60));
        foreach (var reader in readers)
        {
            var home = (await setup.WholeHomeTimelineAsync(reader)).Select(c => c.Id).ToHashSet();
            Assert.Superset(acknowledged.ToHashSet(), home);
        }

        async Task PostAsync(string client, TestUser author)
        {
            using var http = factory.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var sentIn = Current();
                using var response = await http.PostCooAsync(author, $"{client} coo {i}");
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Enqueue((await response.Content.ReadFromJsonAsync<CooItem>())!.Id);
                }

                answers.Enqueue(await AnswerAsync(client, sentIn, response));
            }
        }

        async Task ReadAsync(string client, TestUser reader)
        {
            using var http = factory.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var sentIn = Current();
                using var response = await http.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline?limit=20", reader.Tokens.AccessToken);
                answers.Enqueue(await AnswerAsync(client, sentIn, response));
            }
        }

        async Task<Answer> AnswerAsync(string client, Phase sentIn, HttpResponseMessage response)
        {
            string? problem = null;
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.DoesNotContain("Npgsql", body.ToString(), StringComparison.Ordinal);
                problem = body.TryGetProperty("type", out var type) ? type.GetString() : null;
            }

            return new Answer(client, sentIn, Current(), response.StatusCode, problem, response.Headers.RetryAfter?.Delta);
        }

        Phase Current() => (Phase)Volatile.Read(ref phase);

        Task WhenEveryClientAnsweredAsync(Phase within, int count, string what) =>
            Eventually.MatchAsync(
                () => Task.FromResult(answers.Where(a => a.SentIn == within && a.AnsweredIn == within).CountBy(a => a.Client).ToList()),
                perClient => perClient.Count == Posters + Readers && perClient.All(c => c.Value >= count),
                TimeSpan.FromSeconds(60),
                what);
    }
}
