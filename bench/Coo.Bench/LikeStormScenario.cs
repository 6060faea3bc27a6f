using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coo.Bench;

/// <param name="Likes">How many distinct users liked the coo, all at once.</param>
/// <param name="FinalCount">The coo's <c>likesCount</c> afterwards, as any reader sees it.</param>
internal sealed record LikeStormResult(int Likes, Percentiles LatencyMs, int Failures, int FinalCount);

/// <summary>
/// Many people like one coo at the same moment (a popular coo): every like is sent at once, each on a connection of its
/// own, by a distinct user. Measures each like's latency and then whether every one was counted.
/// </summary>
internal static class LikeStormScenario
{
    public static async Task<LikeStormResult> RunAsync(BenchHost host, ApiClient api, IReadOnlyList<Account> likers)
    {
        var coo = await api.PostAsync(likers[0], "a coo everyone likes at once");
        var warmUp = await api.PostAsync(likers[0], "warm-up for the like storm");
        foreach (var liker in likers.Take(20))
        {
            await LikeAsync(api.Http, warmUp, liker);
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = likers.Count }) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var likes = likers.Select(async liker =>
        {
            await start.Task;
            var clock = Stopwatch.StartNew();
            var ok = await LikeAsync(http, coo, liker);
            return (ok, clock.Elapsed.TotalMilliseconds);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(likes);

        var finalCount = await api.LikesCountAsync(coo);
        var result = new LikeStormResult(likers.Count, Percentiles.Of([.. results.Where(r => r.ok).Select(r => r.TotalMilliseconds)]), results.Count(r => !r.ok), finalCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  like storm: {result.Likes} users like one coo at once: p50 {result.LatencyMs.P50:F1} ms, p99 {result.LatencyMs.P99:F1} ms, {result.Failures} failed; likesCount afterwards {result.FinalCount}"));
        return result;
    }

    private static async Task<bool> LikeAsync(HttpClient http, string cooId, Account liker)
    {
        using var request = ApiClient.Request(HttpMethod.Put, $"/api/v1/coos/{cooId}/like", liker);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
