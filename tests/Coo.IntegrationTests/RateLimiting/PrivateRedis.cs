using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Coo.IntegrationTests.RateLimiting;

/// <summary>
/// A Redis server of the test's own (redis-server on a free loopback port), so that the test can make it slow or stop
/// it without disturbing the Redis other tests share.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateRedis(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static async Task<PrivateRedis> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var redis = new PrivateRedis(Process.Start(start)!, port);
        redis._process.OutputDataReceived += (_, _) => { };
        redis._process.BeginOutputReadLine();
        await Eventually.MatchAsync(
            async () =>
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            listening => listening,
            what: "the private Redis to listen");
        return redis;
    }

    /// <summary>Makes Redis hold every client's commands for a while, as an overloaded or stalled server would.</summary>
    public async Task PauseAsync(TimeSpan duration)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},allowAdmin=true");
        await admin.GetServer(ConnectionString).ExecuteAsync("CLIENT", "PAUSE", ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "ALL");
    }

    /// <summary>SIGKILL: Redis disappears mid-conversation.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
