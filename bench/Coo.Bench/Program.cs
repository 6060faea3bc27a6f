using System.Globalization;
using Coo.Bench;

// dotnet run -c Release --project bench/Coo.Bench -- --host <Coo.Host.dll> [--mode embedded|server] [--followers 1000] [--posts 30]
var options = BenchOptions.Parse(args);
await using var host = await BenchHost.StartAsync(options);
using var api = new ApiClient(host.Address);
var result = await FreshnessScenario.RunAsync(api, options);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

    freshness ({options.Mode}, {options.Followers} followers, {options.Posts} posts, sampled {result.SampledFollowers} followers per post)
      post (acknowledged):   p50 {result.PostLatency.P50,7:F1} ms   p99 {result.PostLatency.P99,7:F1} ms
      ack -> all followers:  p50 {result.Freshness.P50,7:F1} ms   p99 {result.Freshness.P99,7:F1} ms   max {result.Freshness.Max,7:F1} ms
      last coo on all {options.Followers} timelines: {(result.LastCooOnEveryTimeline ? "yes" : "NO")}
    """));
return result.LastCooOnEveryTimeline ? 0 : 1;
