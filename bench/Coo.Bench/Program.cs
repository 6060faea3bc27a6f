using Coo.Bench;

// bench/run.sh publishes the host and runs this with its arguments; `bench/run.sh --help` lists the options.
// bench/harness/host-profile.sh has its own perf reports grouped as the bench groups them: perf-groups RUN REPORT-FILE.
if (args is ["perf-groups", var run, var reportFile])
{
    foreach (var line in PerfProfile.GroupReport(run, await File.ReadAllLinesAsync(reportFile)))
    {
        Console.WriteLine(line);
    }

    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

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
