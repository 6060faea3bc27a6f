using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Coo.Shared.Infrastructure.Live;

namespace Coo.Bench;

/// <summary>The published host as its own process, in the mode under test, on a database the bench owns.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>The host's <c>Timeline:MaxEntries</c>; the seeder fills home timelines to the same depth.</summary>
    public const int TimelineMaxEntries = 800;

    /// <summary>
    /// Every setting the bench gives the host besides the database, in one place so they can be adjusted as the host's
    /// settings change. Rate limits are raised far above what the load driver sends: the bench measures the service,
    /// not the limiter (<c>RateLimits:&lt;Policy&gt;:PermitLimit</c>).
    /// </summary>
    /// <summary>Lets <see cref="MetricsScraper"/> read <c>/metrics</c> as Prometheus would.</summary>
    public const string MetricsScrapeToken = "bench-metrics-scrape-token";

    private static readonly Dictionary<string, string> HostSettings = new(StringComparer.Ordinal)
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Bench:CeilingEndpoint"] = "true",
        ["Metrics:ScrapeToken"] = MetricsScrapeToken,
        ["Timeline:MaxEntries"] = TimelineMaxEntries.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Posting:PermitLimit"] = "100000000",
        ["RateLimits:Following:PermitLimit"] = "100000000",
        ["RateLimits:Reacting:PermitLimit"] = "100000000",
        ["RateLimits:SignIn:PermitLimit"] = "100000000",
        ["RateLimits:SignInPerUsername:PermitLimit"] = "100000000",
        ["RateLimits:Sessions:PermitLimit"] = "100000000",
        ["RateLimits:Registering:PermitLimit"] = "100000000",
        ["RateLimits:Reads:PermitLimit"] = "100000000",
    };

    /// <summary>
    /// Settings that server mode needs, the same on every instance but <c>Ids:GeneratorId</c> (<see cref="FirstGeneratorId"/>
    /// and up, none the seeder's <see cref="DataGenerator.GeneratorId"/>).
    /// </summary>
    private static readonly Dictionary<string, string> ServerSettings = new(StringComparer.Ordinal)
    {
        ["Database:Provider"] = "PostgreSql",
        ["Auth:SigningKey"] = "bench-signing-key-of-a-sufficient-length-0123456789",
        ["Media:StoragePath"] = Path.Combine(Path.GetTempPath(), "coo-bench-media"),
    };

    private const int FirstGeneratorId = 9;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private BenchHost(Process process, StreamWriter log, Uri address, bool usesRedis)
    {
        _process = process;
        _log = log;
        Address = address;
        UsesRedis = usesRedis;
    }

    public Uri Address { get; }

    public bool UsesRedis { get; }

    public int ProcessId => _process.Id;

    /// <param name="instance">0 for the host the bench loads; 1 for a second one on the same databases (server mode).</param>
    public static async Task<BenchHost> StartAsync(BenchOptions options, BenchDatabase database, int instance = 0)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = database.Folder, UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(options.HostDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(options.HostDll)!);
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        if (options.Profile)
        {
            // perf names JIT-compiled methods from the map the runtime then writes to /tmp; with W^X it could not.
            start.Environment["DOTNET_PerfMapEnabled"] = "1";
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        var settings = new Dictionary<string, string>(HostSettings) { ["ConnectionStrings:Coo"] = database.ConnectionString };
        if (IdleStreamsScenario.StreamsPerUser(options) is var streamsPerUser && streamsPerUser > new LiveOptions().MaxStreamsPerUser)
        {
            // An operator's setting (up to 100): more streams than the default allows per signed-in user, rather than a
            // sign-in, a deliberately slow hash, for every few streams.
            settings["Streaming:MaxStreamsPerUser"] = streamsPerUser.ToString(CultureInfo.InvariantCulture);
        }

        if (database.IsServer)
        {
            settings["Ids:GeneratorId"] = (FirstGeneratorId + instance).ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in ServerSettings)
            {
                settings[key] = value;
            }

            if (options.Redis is not null)
            {
                settings["ConnectionStrings:Redis"] = options.Redis;
            }
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // The host logs warnings and errors only; kept beside the report, so that a failure under load can be explained.
        var logs = Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!).FullName;
        var log = new StreamWriter(Path.Combine(logs, $"host-{(database.IsServer ? "server" : "embedded")}-{instance}.log"), append: true);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"---- started {DateTime.UtcNow:O} on {address}"));
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) =>
        {
            lock (log)
            {
                log.WriteLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        var host = new BenchHost(process, log, address, usesRedis: database.IsServer && options.Redis is not null);
        using var client = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException("The host did not become ready.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A client that reads <c>/metrics</c> as Prometheus would, with the scrape token.</summary>
    public HttpClient CreateMetricsClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsScrapeToken);
        return client;
    }

    /// <summary>The most resident memory the host process has used since it started (VmHWM), in bytes.</summary>
    public long PeakMemoryBytes() => StatusBytes("VmHWM:");

    /// <summary>The host process's resident memory now (VmRSS, its working set), in bytes.</summary>
    public long WorkingSetBytes() => StatusBytes("VmRSS:");

    /// <summary>
    /// Kills the process: the host is built to survive that (the crash test proves it), and nothing the bench measures
    /// depends on a graceful shutdown.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    /// <summary>A size line of /proc/[pid]/status, e.g. <c>VmRSS:   123456 kB</c>, in bytes.</summary>
    private long StatusBytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
