using System.Diagnostics;
using Npgsql;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// A private real PostgreSQL (Debian's binaries) in a temporary folder on a free loopback port, which a test may stop
/// and start again without disturbing the server other tests share. Run as the postgres user when the tests run as root.
/// </summary>
public sealed class PostgreSqlServerProcess : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _binaries;

    private PostgreSqlServerProcess(string folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3";

    public static async Task<PostgreSqlServerProcess> StartAsync()
    {
        var binaries = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(v => int.Parse(Path.GetFileName(v), System.Globalization.CultureInfo.InvariantCulture)).Last() + "/bin";
        var folder = Path.Combine(Path.GetTempPath(), $"coo-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var server = new PostgreSqlServerProcess(folder, binaries, HostProcess.FreePort());
        await RunAsync("chown", "postgres:postgres", folder);
        await server.RunAsPostgresAsync("initdb", "-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A fast shutdown, as an operator's restart or a failover does: connections are cut, new ones refused.</summary>
    public Task StopAsync() => RunAsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");

    public async Task StartAgainAsync()
    {
        await RunAsPostgresAsync(
            "pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        await Eventually.MatchAsync(
            async () =>
            {
                try
                {
                    await using var connection = new NpgsqlConnection(ConnectionString);
                    await connection.OpenAsync();
                    return true;
                }
                catch (NpgsqlException)
                {
                    return false;
                }
            },
            up => up,
            TimeSpan.FromSeconds(30),
            $"the private PostgreSQL on port {Port} to accept connections");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task RunAsPostgresAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments])
            : RunAsync(Path.Combine(_binaries, tool), arguments);

    private static async Task RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
