using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// The host as a real operating-system process (the published build when <c>COO_HOST_DLL</c> names it, as CI does;
/// otherwise this build's output), so that tests can kill it the way a crash or an OOM killer would.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();
    private readonly int _processId;
    private Uri? _address;

    private HostProcess(Process process)
    {
        _process = process;
        _processId = process.Id;
    }

    /// <summary>Where the host listens: a port it bound itself, read from its start-up line.</summary>
    public Uri Address => _address ?? throw new InvalidOperationException("The host is not listening yet.");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(string workingFolder, IReadOnlyDictionary<string, string> settings)
    {
        var dll = HostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(dll)!);
        // Port 0: the host binds a free port itself. A port found free here could be taken (by an outgoing connection's
        // ephemeral port, say) before the host bound it. Its start-up line, which tells the port, is logged whatever
        // the test's log level.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information";
        // These hosts take load from one client: limits on, but out of reach (as in CooApiFactory).
        foreach (var section in Coo.Host.RateLimiting.RateLimitSettings.LimitSections)
        {
            start.Environment[$"RateLimits__{section}__PermitLimit"] = CooApiFactory.UnreachableRateLimit;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var host = new HostProcess(Process.Start(start)!);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        host._address = await host.WaitUntilListeningAsync();
        await host.WaitUntilReadyAsync();
        return host;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Where every host process leaves its output, so that a failed test's hosts can still be read afterwards.</summary>
    public static string LogFolder => Environment.GetEnvironmentVariable("COO_TEST_LOGS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepositoryRoot.Path, "artifacts", "test-logs");

    public string LogFile => Path.Combine(LogFolder, $"host-{_processId}.log");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        Directory.CreateDirectory(LogFolder);
        await File.WriteAllTextAsync(LogFile, Output);
        await _output.DisposeAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.WriteLine(line);
            }
        }
    }

    private async Task<Uri> WaitUntilListeningAsync()
    {
        var listening = await Eventually.MatchAsync(
            () =>
            {
                ThrowIfExited();
                return Task.FromResult(ListeningLine().Match(Output));
            },
            match => match.Success,
            TimeSpan.FromSeconds(60),
            $"the host process to listen (its output goes to {LogFile})");
        return new Uri(listening.Groups["address"].Value);
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The host exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        await Eventually.MatchAsync(
            async () =>
            {
                ThrowIfExited();
                try
                {
                    using var response = await client.GetAsync("/health/ready");
                    return response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            $"the host process to be ready (its output goes to {LogFile})");
    }

    internal static string HostDll()
    {
        if (Environment.GetEnvironmentVariable("COO_HOST_DLL") is { Length: > 0 } published)
        {
            return published;
        }

        // tests/Coo.IntegrationTests/bin/<Configuration>/net10.0/ → src/Coo.Host/bin/<Configuration>/net10.0/Coo.Host.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Coo.Host", "bin", configuration, framework, "Coo.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Coo.Host first, or set COO_HOST_DLL.", dll);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
