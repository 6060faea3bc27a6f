using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

/// <summary>
/// Closed-loop GET load from wrk (Debian package <c>wrk</c>, installed by bench/run.sh), which needs far less of the
/// shared machine than a .NET client (the C# <see cref="LoadDriver"/> took 34–43 % of it at the ceiling). A warm-up (one or more runs
/// whose results are dropped), then the measured run, each its own wrk process with <see cref="BenchOptions.Connections"/>
/// connections. bench/wrk/rotating-tokens.lua rotates bearer tokens and prints the results on one line parsed here.
/// </summary>
internal static class WrkDriver
{
    public const string Name = "wrk";

    private const string ResultPrefix = "coo-bench-wrk ";

    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "wrk", "rotating-tokens.lua");

    /// <param name="tokensFile">Bearer tokens, one per line, sent in turn; null to send none.</param>
    /// <param name="warmUp">How long wrk runs unmeasured first, e.g. until the JIT has settled.</param>
    public static async Task<LoadResult> RunAsync(BenchHost host, BenchOptions options, string pathAndQuery, string? tokensFile, WarmUp warmUp)
    {
        var url = new Uri(host.Address, pathAndQuery);
        var warmedUp = await warmUp.RunAsync(host, duration => RunWrkAsync(options, url, tokensFile, duration));

        var window = await MeasuredWindow.OpenAsync(host);
        var result = await RunWrkAsync(options, url, tokensFile, options.Duration);
        var use = await window.CloseAsync(loadGeneratorTicks: result["cpu_ticks"]);

        // wrk counts a response with a status of 400 or more as a status error; its latency is within the percentiles.
        var failures = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["status ≥ 400"] = result["status_errors"],
            ["connect error"] = result["connect_errors"],
            ["read error"] = result["read_errors"],
            ["write error"] = result["write_errors"],
            ["timeout"] = result["timeout_errors"],
        };
        foreach (var none in failures.Where(f => f.Value == 0).Select(f => f.Key).ToList())
        {
            failures.Remove(none);
        }

        double Ms(string key) => result[key] / 1000.0;
        var responses = result["requests"];
        return new LoadResult(
            Name,
            responses - result["status_errors"],
            failures,
            TimeSpan.FromMicroseconds(result["duration_us"]),
            new Percentiles(Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("max_us")),
            responses == 0 ? 0 : (double)result["bytes"] / responses,
            use,
            warmedUp);
    }

    /// <summary>Runs wrk to the end and returns the key=value pairs of the script's result line.</summary>
    private static async Task<Dictionary<string, long>> RunWrkAsync(BenchOptions options, Uri url, string? tokensFile, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--threads", Math.Min(Environment.ProcessorCount, options.Connections).ToString(CultureInfo.InvariantCulture),
            "--connections", options.Connections.ToString(CultureInfo.InvariantCulture),
            "--duration", string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(duration.TotalSeconds)}s"),
            "--timeout", "30s",
            "--script", Script,
            url.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (tokensFile is not null)
        {
            start.ArgumentList.Add(tokensFile);
        }

        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var resultLine = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (wrk.ExitCode != 0 || resultLine is null)
        {
            throw new InvalidOperationException($"wrk exited with {wrk.ExitCode} and no result line: {await output}{await errors}");
        }

        return resultLine[ResultPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
