using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Coo.IntegrationTests.Browser;

namespace Coo.IntegrationTests.Security;

/// <summary>
/// Stoplight Prism (<c>@stoplight/prism-cli</c>, npm) as a validating proxy in front of a running host:
/// <c>prism proxy &lt;document&gt; &lt;upstream&gt; --errors</c>. It forwards each request that the document allows and
/// reports every response whose status, headers or body the document does not describe, in an <c>sl-violations</c>
/// header (or, for an error-level violation, by answering a problem of its own). CI installs it with npm into
/// <c>~/.cache/coo/prism</c> (<c>.ci/run</c>); <c>COO_PRISM</c> may name another executable.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    public const string Version = "5.16.0";

    /// <summary>The <c>type</c> of every problem Prism answers by itself instead of the host.</summary>
    public const string OwnProblemPrefix = "https://stoplight.io/prism/errors#";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private PrismProxy(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("COO_PRISM") is { Length: > 0 } path
        ? path
        : Path.Combine(AxeCore.CacheFolder, "prism", "node_modules", ".bin", "prism");

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Prism's own log so far, for failure messages.</summary>
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

    public static async Task<PrismProxy> StartAsync(string documentPath, Uri upstream)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"Prism is not installed at {ExecutablePath}: npm install --prefix {Path.Combine(AxeCore.CacheFolder, "prism")} @stoplight/prism-cli@{Version}");
        }

        var port = FreePort();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "proxy", documentPath, upstream.ToString().TrimEnd('/'), "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new PrismProxy(process, output, new Uri($"http://127.0.0.1:{port}/"));
        await proxy.WaitUntilListeningAsync(port);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited with {_process.ExitCode} before it listened:{Environment.NewLine}{Output}");
            }

            if (Output.Contains("Prism is listening", StringComparison.Ordinal))
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Prism did not listen on port {port} within 60 s:{Environment.NewLine}{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
