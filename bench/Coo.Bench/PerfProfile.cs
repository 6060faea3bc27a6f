using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Coo.Bench;

/// <summary>Where the host's CPU went during one run: the share of perf samples per group of code.</summary>
internal sealed record CpuProfile(string Run, string Samples, IReadOnlyList<(string Group, double Share)> Groups);

/// <summary>
/// Samples the host's CPU with Linux <c>perf</c> (Debian package <c>linux-perf</c>, installed by bench/run.sh with
/// <c>--profile</c>) while a load runs, and sorts the samples by the code they landed in. The host then runs with
/// <c>DOTNET_PerfMapEnabled=1</c> and <c>DOTNET_EnableWriteXorExecute=0</c>, so perf can name JIT-compiled methods
/// (with W^X they sit in an anonymous double mapping perf cannot resolve). A profiled run is an extra one, never a
/// reported figure: sampling costs the host some CPU of its own.
/// </summary>
internal static partial class PerfProfile
{
    /// <summary>Groups, first match wins, by the sampled symbol or, failing that, its library.</summary>
    private static readonly (string Group, Regex Pattern)[] Groups =
    [
        ("Redis client (StackExchange.Redis)", Pattern("StackExchange\\.Redis")),
        ("PostgreSQL client (Npgsql)", Pattern("Npgsql")),
        ("EF Core", Pattern("Microsoft\\.EntityFrameworkCore")),
        ("JSON (System.Text.Json)", Pattern("System\\.Text\\.Json")),
        ("auth (JWT, IdentityModel)", Pattern("IdentityModel|JsonWebToken|Authentication|Authorization")),
        ("telemetry (OpenTelemetry, metrics, Serilog)", Pattern("OpenTelemetry|System\\.Diagnostics\\.Metrics|Serilog|DiagnosticSource|Activity")),
        ("rate limiting", Pattern("RateLimit")),
        ("Mediator", Pattern("Mediator\\.")),
        ("Coo code", Pattern("Coo\\.")),
        ("Kestrel, HTTP and sockets", Pattern("Microsoft\\.AspNetCore|System\\.Net\\.|System\\.IO\\.Pipelines")),
        ("thread pool and async machinery", Pattern("System\\.Threading|AsyncTaskMethodBuilder|AsyncStateMachine|ThreadPool")),
        ("other managed code", Pattern("System\\.|Microsoft\\.|\\[JIT\\]")),
        ("GC and runtime (libcoreclr, stubs)", Pattern("libcoreclr|^stub |CastHelpers")),
        ("JIT (libclrjit)", Pattern("libclrjit")),
        ("kernel (syscalls, network stack, scheduling)", Pattern("\\[kernel")),
        ("C library", Pattern("libc[.-]|ld-linux")),
    ];

    private const int HeaviestSymbolsKept = 150;

    public static bool IsAvailable() => File.Exists("/usr/bin/perf");

    /// <summary>
    /// Samples the host at 499 Hz for <paramref name="seconds"/> while <paramref name="load"/> runs. The heaviest
    /// symbols are kept in <paramref name="reportFolder"/> (<c>perf-{run}.txt</c>), to see what a group is made of.
    /// </summary>
    public static async Task<CpuProfile> WhileAsync(BenchHost host, string run, int seconds, string folder, string reportFolder, Func<Task> load)
    {
        var data = Path.Combine(folder, $"perf-{host.ProcessId}-{Guid.NewGuid():N}.data");
        var record = Start("perf", "record", "-g", "-F", "499", "-p", host.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", data, "--", "sleep", seconds.ToString(CultureInfo.InvariantCulture));
        await load();
        await record.WaitForExitAsync();
        var report = Start("perf", "report", "-i", data, "--stdio", "--no-children", "--sort", "dso,sym", "--field-separator", "|", "--percent-limit", "0");
        var lines = (await report.StandardOutput.ReadToEndAsync()).Split('\n');
        await report.WaitForExitAsync();
        var inclusive = Start("perf", "report", "-i", data, "--stdio", "--children", "--sort", "sym", "-g", "none", "--field-separator", "|", "--percent-limit", "0.5");
        var inclusiveLines = (await inclusive.StandardOutput.ReadToEndAsync()).Split('\n');
        await inclusive.WaitForExitAsync();
        File.Delete(data);

        var samples = lines.Select(line => SampleCount().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "?";
        var sampled = lines.Select(line => SampleLine().Match(line)).Where(m => m.Success).ToList();
        await File.WriteAllLinesAsync(
            Path.Combine(reportFolder, $"perf-{string.Join('-', run.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))}.txt"),
            sampled.Take(HeaviestSymbolsKept).Select(m => $"{m.Groups[1].Value,6}%  {m.Groups[2].Value.Trim()}  {m.Groups[3].Value}"));
        await File.WriteAllLinesAsync(
            Path.Combine(reportFolder, $"perf-{string.Join('-', run.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))}-inclusive.txt"),
            inclusiveLines.Where(line => line.Length > 0 && line[0] != '#').Take(HeaviestSymbolsKept * 2));
        return new CpuProfile(run, samples, ByGroup(sampled));
    }

    /// <summary>
    /// Groups a <c>perf report --stdio --no-children --sort dso,sym --field-separator '|'</c> made elsewhere
    /// (bench/harness/host-profile.sh): its group shares as this bench reports them, one line each.
    /// </summary>
    public static IEnumerable<string> GroupReport(string run, IReadOnlyList<string> lines)
    {
        var samples = lines.Select(line => SampleCount().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "?";
        return ByGroup(lines.Select(line => SampleLine().Match(line)).Where(m => m.Success))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Share * 100,6:F1} %  {g.Group}"))
            .Prepend($"== {run} ({samples} samples)");
    }

    private static List<(string Group, double Share)> ByGroup(IEnumerable<Match> sampled)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var match in sampled)
        {
            var share = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
            var (library, symbol) = (match.Groups[2].Value, match.Groups[3].Value);
            var group = Groups.FirstOrDefault(g => g.Pattern.IsMatch(symbol)).Group
                ?? Groups.FirstOrDefault(g => g.Pattern.IsMatch(library)).Group
                ?? "other";
            shares[group] = shares.GetValueOrDefault(group) + share;
        }

        return [.. shares.OrderByDescending(s => s.Value).Select(s => (s.Key, s.Value))];
    }

    private static Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>perf's header, e.g. "# Samples: 7K of event 'cpu-clock:pppH'".</summary>
    [GeneratedRegex(@"^# Samples: (\S+)")]
    private static partial Regex SampleCount();

    /// <summary>"12.34%|[JIT] tid 42|[.] instance void [Assembly] Namespace.Type::Method()" or "0.50%|[kernel.kallsyms]|[k] tcp_sendmsg".</summary>
    [GeneratedRegex(@"^\s*([\d.]+)%\s*\|([^|]*)\|\[[.k]\] (.*)$")]
    private static partial Regex SampleLine();
}
