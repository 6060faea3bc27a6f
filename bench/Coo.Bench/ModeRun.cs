using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

/// <summary>Everything measured in one mode: the ceiling and reads at each data scale, the rest at the first (default) scale.</summary>
internal sealed class ModeResult(string mode)
{
    public string Mode { get; } = mode;

    public SortedDictionary<int, LoadResult> Ceilings { get; } = [];

    /// <summary>The first home timeline reads at each scale, run until the JIT settled; they also fill the caches.</summary>
    public SortedDictionary<int, LoadResult> Reads { get; } = [];

    /// <summary>Every round's ceiling at the first scale, in order: each ran right before that round's warm reads.</summary>
    public List<LoadResult> CeilingRounds { get; } = [];

    /// <summary>Every round's warm reads at each scale, in order.</summary>
    public SortedDictionary<int, List<LoadResult>> WarmReadRoundsAtScale { get; } = [];

    /// <summary>Every round's warm reads at the first scale, in order.</summary>
    public List<LoadResult> WarmReadRounds => WarmReadRoundsAtScale.First().Value;

    /// <summary>The warm home timeline reads' round of median requests/s at <paramref name="scale"/>.</summary>
    public LoadResult WarmReadsAt(int scale) => MedianRun(WarmReadRoundsAtScale[scale]);

    /// <summary>The run of median requests/s; the report's targets take each figure's own median instead.</summary>
    public static LoadResult MedianRun(List<LoadResult> runs) => runs.OrderBy(r => r.RequestsPerSecond).ElementAt(runs.Count / 2);

    /// <summary>Home timeline reads at the first scale while <c>/metrics</c> is scraped every second: the median run.</summary>
    public LoadResult? ScrapedReads { get; set; }

    /// <summary>Every round's scraped reads, each right after that round's plain warm reads.</summary>
    public List<LoadResult> ScrapedReadRounds { get; } = [];

    /// <summary>Posting at the first scale: the round of median requests/s of those that alternate with <see cref="PostingCeilingRounds"/>.</summary>
    public LoadResult Posting => MedianRun(PostingRounds);

    /// <summary>Every posting round, in order.</summary>
    public List<LoadResult> PostingRounds { get; } = [];

    /// <summary>The ceiling run before each posting round: how fast the machine was while the posts were measured.</summary>
    public List<LoadResult> PostingCeilingRounds { get; } = [];

    /// <summary>The round of median requests/s of <see cref="PostingCeilingRounds"/>.</summary>
    public LoadResult PostingCeiling => MedianRun(PostingCeilingRounds);

    public FreshnessResult? Freshness { get; set; }

    public LikeStormResult? LikeStorm { get; set; }

    public NotificationReadsResult? NotificationReads { get; set; }

    public StreamFreshnessResult? StreamFreshness { get; set; }

    public IdleStreamsResult? IdleStreams { get; set; }

    /// <summary>After each posting round: coos whose fan-out was still queued when it stopped, and how long the queue then took to empty.</summary>
    public List<(long Queued, TimeSpan DrainedAfter)> FanOutBacklogs { get; } = [];

    /// <summary>Server mode: what PostgreSQL wrote from the start of the posting load until its fan-outs were done.</summary>
    public PostgreSqlWrites? PostingWrites { get; set; }

    /// <summary>Server mode with Redis: what Redis did over the same span, per coo.</summary>
    public string? PostingRedisWork { get; set; }

    /// <summary>With <c>--profile yes</c>: where the host's CPU went during an extra warm-read run and an extra posting run.</summary>
    public List<CpuProfile> Profiles { get; } = [];

    public SortedDictionary<int, long> PeakMemoryBytes { get; } = [];

    /// <summary>Every measured run in order, the unreported ones too, e.g. to show when compilation settled.</summary>
    public List<(string Name, LoadResult Result)> Runs { get; } = [];
}

/// <summary>
/// One mode from a fresh database per data scale: the host starts once to migrate, the bench seeds the database while
/// the host is stopped, then starts it again (with the ceiling endpoint) and loads it.
/// </summary>
internal static class ModeRun
{
    public static async Task<ModeResult> RunAsync(BenchOptions options, string mode)
    {
        var result = new ModeResult(mode);
        foreach (var scale in options.Scales)
        {
            var size = options.Size.Times(scale);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}, scale {scale}: {size}"));
            await using var database = BenchDatabase.Create(options, mode, scale);
            await using (await BenchHost.StartAsync(options, database))
            {
                // Started only to create the database and apply the migrations; stopped before seeding.
            }

            var data = DataGenerator.Generate(size, options.Followers, seed: 2026);
            var notifications = NotificationSeed.Generate(data, options.Notifications, seed: 2027);
            await using (ISeedTarget target = database.IsServer
                ? await PostgreSqlSeedTarget.OpenAsync(database.ConnectionString)
                : await SqliteSeedTarget.OpenAsync(database.ConnectionString))
            {
                await DatabaseSeeder.SeedAsync(target, data, notifications, BenchHost.TimelineMaxEntries);
            }

            await using var host = await BenchHost.StartAsync(options, database);
            using var api = new ApiClient(host.Address);
            var readers = await SignInAsync(api, data, options.Readers);
            await ReadersSeeTheirSeededTimelinesAsync(api, data, readers);
            var readerTokens = Path.Combine(database.Folder, "reader-tokens.txt");
            await File.WriteAllLinesAsync(readerTokens, readers.Select(r => r.AccessToken));

            string AtScale(string name) => options.Scales.Count > 1 ? F($"{name}, {scale}× data") : name;

            // wrk drives the ceiling and the reads: the C# client's own CPU use would distort their ratio.
            Task<LoadResult> Ceiling(WarmUp? warmUp = null) => WrkDriver.RunAsync(host, options, "/bench/ceiling", tokensFile: null, warmUp ?? WarmUp.Fixed(options.WarmUp));
            Task<LoadResult> ReadHomeTimelines(WarmUp? warmUp = null) => WrkDriver.RunAsync(host, options, "/api/v1/users/me/timeline?limit=20", readerTokens, warmUp ?? WarmUp.Fixed(options.WarmUp));

            // The request pipeline and then the read path run until tiered compilation has settled; the first reads
            // also fill the caches.
            var settle = WarmUp.UntilJitSettles(options);
            await Measure(result, AtScale("ceiling, after the JIT settled (not reported)"), Ceiling(settle));
            result.Reads[scale] = await Measure(result, AtScale("home timeline reads"), ReadHomeTimelines(settle));

            // Then ceiling and warm reads alternate, so that a swing of the shared machine falls on both alike; the
            // targets take each figure's median over the rounds. At the first scale, reads while /metrics is scraped take their turn in every
            // round too: one such run set against the median of the plain ones judged the endpoint by that swing.
            var firstScale = scale == options.Scales[0];
            var ceilings = firstScale ? result.CeilingRounds : [];
            var warmReads = result.WarmReadRoundsAtScale[scale] = [];
            for (var round = 1; round <= options.Rounds; round++)
            {
                ceilings.Add(await Measure(result, AtScale(F($"ceiling, round {round} of {options.Rounds}")), Ceiling()));
                warmReads.Add(await Measure(result, AtScale(F($"home timeline reads, warm, round {round} of {options.Rounds}")), ReadHomeTimelines()));
                if (firstScale)
                {
                    // The first settles too: a scrape runs code no read ran (the exporter), which otherwise compiled
                    // hundreds of methods inside the first scraped rounds.
                    var scrapedWarmUp = round == 1 ? settle with { Minimum = Max(settle.Minimum, MetricsScraper.MinimumWarmUp) } : null;
                    result.ScrapedReadRounds.Add(await Measure(
                        result,
                        F($"home timeline reads, warm, /metrics scraped every second, round {round} of {options.Rounds}"),
                        MetricsScraper.WhileAsync(host, () => ReadHomeTimelines(scrapedWarmUp))));
                }
            }

            result.Ceilings[scale] = ModeResult.MedianRun(ceilings);
            if (firstScale)
            {
                result.ScrapedReads = ModeResult.MedianRun(result.ScrapedReadRounds);
                result.NotificationReads = await NotificationReadsScenario.RunAsync(api, options, notifications, database.Folder, (name, pathAndQuery, tokensFile, warmUp) =>
                    Measure(result, name, WrkDriver.RunAsync(host, options, pathAndQuery, tokensFile, warmUp)));

                // Freshness before the posting load: the fan-outs that load leaves queued would delay its set-up.
                result.Freshness = await FreshnessScenario.RunAsync(api, options, data, database);
                Task<LoadResult> Post(WarmUp? warmUp = null) => LoadDriver.RunAsync(
                    host,
                    options,
                    options.Posters,
                    n => ApiClient.Request(HttpMethod.Post, "/api/v1/coos", readers[(int)(n % readers.Count)], new { text = string.Create(CultureInfo.InvariantCulture, $"load coo {n}: {SeedData.CooText(n)}") }),
                    expectedStatus: 201,
                    warmUp: warmUp);
                // Posting runs code no read ran (the write path, relays, consumers, the fan-out): it settles first, then
                // alternates with the ceiling like the reads, each round once the last one's fan-outs are done.
                var writesBefore = database.IsServer ? await PostgreSqlWrites.ReadAsync(database) : null;
                var redisBefore = host.UsesRedis ? await RedisWork.ReadAsync(options.Redis!) : null;
                await Measure(result, "posting, after the JIT settled (not reported)", Post(settle));
                await WaitForFanOutsAsync(database);
                for (var round = 1; round <= options.Rounds; round++)
                {
                    result.PostingCeilingRounds.Add(await Measure(result, F($"ceiling beside posting, round {round} of {options.Rounds}"), Ceiling()));
                    result.PostingRounds.Add(await Measure(result, F($"posting, round {round} of {options.Rounds}"), Post()));
                    result.FanOutBacklogs.Add(await WaitForFanOutsAsync(database));
                }

                if (writesBefore is not null)
                {
                    // A backend flushes its statistics at most once a second; one that went idle sooner than that
                    // after its last flush waits 10 s (PostgreSQL's PGSTAT_IDLE_INTERVAL) before it flushes the rest.
                    await Task.Delay(TimeSpan.FromSeconds(11));
                    result.PostingWrites = (await PostgreSqlWrites.ReadAsync(database)).Since(writesBefore);
                    Console.WriteLine(F($"  PostgreSQL per coo posted (warm-up and fan-outs included): {result.PostingWrites.PerCoo()}"));
                    if (redisBefore is not null)
                    {
                        result.PostingRedisWork = (await RedisWork.ReadAsync(options.Redis!)).Since(redisBefore).PerCoo(result.PostingWrites.Coos);
                        Console.WriteLine(F($"  Redis per coo posted (warm-up and fan-outs included): {result.PostingRedisWork}"));
                    }
                }

                // After the posting load, which they would change: users who had a stream keep listening for a while
                // after it closed (Streaming:Linger), and each coo into their timelines is then logged for them too.
                var followers = await SignInAsync(api, [.. data.FreshnessFollowers]);
                result.StreamFreshness = await StreamFreshnessScenario.RunAsync(host, api, options, database, followers);
                result.IdleStreams = await IdleStreamsScenario.RunAsync(host, api, options, followers);

                // Last: the background work a thousand likes leave (their events' consumers) would weigh on what follows.
                result.LikeStorm = await LikeStormScenario.RunAsync(host, api, await SignInAsync(api, data, options.Likers));
                if (options.Profile)
                {
                    var seconds = (int)options.Duration.TotalSeconds;
                    var reports = Path.GetDirectoryName(options.ReportPath)!;
                    Console.WriteLine("  profiling (perf, then allocation samples): warm reads, then posting, one extra run each");
                    result.Profiles.Add(await PerfProfile.WhileAsync(host, "home timeline reads, warm", seconds, database.Folder, reports, () => ReadHomeTimelines(WarmUp.Fixed(TimeSpan.Zero))));
                    result.Profiles.Add(await PerfProfile.WhileAsync(host, "posting", seconds, database.Folder, reports, () => Post(WarmUp.Fixed(TimeSpan.Zero))));
                    await AllocationProfile.WhileAsync(host, "home timeline reads, warm", database.Folder, reports, () => ReadHomeTimelines(WarmUp.Fixed(TimeSpan.Zero)));
                    await AllocationProfile.WhileAsync(host, "posting", database.Folder, reports, () => Post(WarmUp.Fixed(TimeSpan.Zero)));
                }
            }

            result.PeakMemoryBytes[scale] = host.PeakMemoryBytes();
        }

        return result;
    }

    /// <summary>Whether the fan-out kept up with the posting load: what it left queued, and how long that took to clear.</summary>
    private static async Task<(long Queued, TimeSpan DrainedAfter)> WaitForFanOutsAsync(BenchDatabase database)
    {
        var queued = await database.PendingFanOutsAsync();
        var clock = Stopwatch.StartNew();
        while (await database.PendingFanOutsAsync() > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException(F($"The fan-out of {queued} coos queued by the posting load had not finished after 10 minutes."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Console.WriteLine(F($"  fan-out queued when posting stopped: {queued} coos, all done {clock.Elapsed.TotalSeconds:F1} s later"));
        return (queued, clock.Elapsed);
    }

    /// <summary>Signs in distinct users picked at random.</summary>
    private static Task<IReadOnlyList<Account>> SignInAsync(ApiClient api, SeedData data, int count)
    {
        var users = Enumerable.Range(0, data.UserCount).ToArray();
        new Random(7).Shuffle(users);
        return SignInAsync(api, users[..Math.Min(count, users.Length)]);
    }

    /// <summary>
    /// Each reader's first page holds at least the newest entries the seed gave their timeline: a read that answers
    /// quickly with less (a seed the host's schema no longer matches) would otherwise pass for a fast read.
    /// </summary>
    private static async Task ReadersSeeTheirSeededTimelinesAsync(ApiClient api, SeedData data, IReadOnlyList<Account> readers)
    {
        var seeded = data.Timelines(BenchHost.TimelineMaxEntries).ToDictionary(t => SeedData.Username(t.Owner), t => Math.Min(ApiClient.PageSize, t.Entries.Count));
        var shortTimelines = new List<string>();
        foreach (var reader in readers)
        {
            var shown = await api.HomePageCountAsync(reader);
            if (shown < seeded[reader.Username])
            {
                shortTimelines.Add(F($"{reader.Username} ({shown} of {seeded[reader.Username]})"));
            }
        }

        if (shortTimelines.Count > 0)
        {
            throw new InvalidOperationException($"Home timelines shorter than seeded: {string.Join(", ", shortTimelines.Take(5))}{(shortTimelines.Count > 5 ? ", ..." : "")}.");
        }
    }

    /// <summary>Signs in the users, a few at a time (each sign-in is a deliberately slow hash).</summary>
    private static async Task<IReadOnlyList<Account>> SignInAsync(ApiClient api, int[] users)
    {
        var accounts = new Account[users.Length];
        await Parallel.ForAsync(0, accounts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            accounts[i] = await api.SignInAsync(SeedData.Username(users[i])));
        return accounts;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The run with the median requests/s (of an even count, the upper middle one): its figures belong together.</summary>

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<LoadResult> Measure(ModeResult modeResult, string name, Task<LoadResult> run)
    {
        var result = await run;
        modeResult.Runs.Add((name, result));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name} ({result.LoadGenerator}, after {result.WarmedUp.TotalSeconds:F0} s of warm-up): {result.RequestsPerSecond:F0} requests/s, p50 {result.LatencyMs.P50:F1} ms, p99 {result.LatencyMs.P99:F1} ms, max {result.LatencyMs.Max:F1} ms, {result.FailureCount} failed{(result.FailureCount == 0 ? "" : $" ({result.FailureReasons})")}; CPU host / load generator / Redis / other {result.Cpu}, {result.HostCpuMsPerRequest:F2} ms host CPU, {result.AllocatedBytesPerRequest / 1024:F1} KiB allocated and {result.HostContextSwitchesPerRequest:F1} context switches per request, {result.Use.Runtime.CompiledMethods} methods JIT-compiled, {result.Use.Runtime.Collections} collections pausing the host {result.Use.Runtime.GcPauseSeconds * 1000:F0} ms"));
        return result;
    }
}
