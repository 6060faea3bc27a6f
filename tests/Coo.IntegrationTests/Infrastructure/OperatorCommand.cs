using System.Diagnostics;

namespace Coo.IntegrationTests.Infrastructure;

public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>Runs the host's build as an operator runs it for a one-off command (<c>dotnet Coo.Host.dll admin …</c>).</summary>
public static class OperatorCommand
{
    public static async Task<CommandResult> RunAsync(string workingFolder, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var dll = HostProcess.HostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(dll)!);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }
}
