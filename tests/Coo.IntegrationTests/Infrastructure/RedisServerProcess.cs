using System.Diagnostics;
using System.Net.Sockets;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// A private real Redis (Debian's <c>redis-server</c>) on a free loopback port, which a test may freeze, kill and
/// start again without disturbing the Redis other tests share.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private Process _process;

    private RedisServerProcess(int port, Process process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var port = HostProcess.FreePort();
        var server = new RedisServerProcess(port, Launch(port));
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    /// <summary>SIGSTOP: the server keeps its connections and data but answers nothing, like a hung or overloaded Redis.</summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    /// <summary>SIGKILL: connections refused from now on, data gone (no persistence is configured).</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch(Port);
        await WaitUntilAnsweringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Thaw();
            await KillAsync();
        }

        _process.Dispose();
    }

    private static Process Launch(int port)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", $"{port}", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        await Eventually.MatchAsync(
            async () =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync("127.0.0.1", Port);
                    await using var stream = client.GetStream();
                    await stream.WriteAsync("PING\r\n"u8.ToArray());
                    var buffer = new byte[7];
                    return await stream.ReadAsync(buffer) > 0 && buffer.AsSpan().StartsWith("+PONG"u8);
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            answered => answered,
            TimeSpan.FromSeconds(20),
            $"redis-server on port {Port} to answer");
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", $"{_process.Id}"]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} of redis-server failed with exit code {kill.ExitCode}");
        }
    }
}
