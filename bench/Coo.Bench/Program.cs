using Coo.Bench;

// dotnet run -c Release --project bench/Coo.Bench -- --host <Coo.Host.dll> [--mode embedded|server|both] [--scale 1,10]
//   [--users 10000] [--follows 200000] [--coos 100000] [--readers 256] [--connections 32] [--warmup 5] [--duration 15]
//   [--followers 1000] [--posts 30] [--likers 1000] [--notifications 10000] [--live-posts 50] [--streams 1000,2000,5000]
//   [--report artifacts/bench/report.md]
var options = BenchOptions.Parse(args);
var results = new List<ModeResult>();
foreach (var mode in options.Modes)
{
    results.Add(await ModeRun.RunAsync(options, mode));
}

var report = BenchReport.Render(options, results, Environment.GetEnvironmentVariable("COO_BENCH_COMMAND") ?? string.Join(' ', args));
Console.WriteLine();
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
await File.WriteAllTextAsync(options.ReportPath, report);
Console.WriteLine($"written to {options.ReportPath}");
return results.All(r => r.Freshness!.LastCooOnEveryTimeline && r.IdleStreams!.AllOpenAndAnnounced) ? 0 : 1;
