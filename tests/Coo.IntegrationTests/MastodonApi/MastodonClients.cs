using System.Diagnostics;
using System.Text;
using Coo.IntegrationTests.Browser;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>
/// Third-party Mastodon clients, installed by <c>.ci/run</c>: Debian's <c>python3-mastodon</c> (Mastodon.py 1.8) and
/// <c>toot</c> (0.34) and, from npm, <c>masto@7.12.0</c> in <c>~/.cache/coo/mastodon-clients</c>. Each runs a scenario
/// script from <c>Clients/</c> as its own process against a host on loopback.
/// </summary>
public static class MastodonClients
{
    public const string MastoVersion = "7.12.0";

    public const string MegalodonVersion = "10.0.5";

    /// <summary>Debian's Python, where <c>python3-mastodon</c> installs (another <c>python3</c> on the path may lack it).</summary>
    public const string DebianPython = "/usr/bin/python3";

    public static string NpmPrefix => Path.Combine(AxeCore.CacheFolder, "mastodon-clients");

    public static bool MastodonPyInstalled => File.Exists("/usr/lib/python3/dist-packages/mastodon/__init__.py") && File.Exists(DebianPython);

    public static bool TootInstalled => File.Exists("/usr/bin/toot");

    public static bool MastoInstalled => File.Exists(Path.Combine(NpmPrefix, "node_modules", "masto", "package.json"));

    public static bool MegalodonInstalled => File.Exists(Path.Combine(NpmPrefix, "node_modules", "megalodon", "package.json"));

    /// <summary>A client missing fails its test, saying how to install it: a skipped test would prove nothing.</summary>
    public static void Require(bool installed, string what)
    {
        if (!installed)
        {
            throw new InvalidOperationException($"This test needs {what}.");
        }
    }

    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "MastodonApi", "Clients", name);

    /// <summary>Runs a scenario and returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append(output, "(killed after 2 minutes)");
            return (-1, Text(output));
        }

        process.WaitForExit(); // Drains the redirected output.
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
