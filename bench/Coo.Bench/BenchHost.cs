using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coo.Bench;

/// <summary>The host as its own process, on a fresh database, in the mode under test.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private BenchHost(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BenchHost> StartAsync(BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("coo-bench-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(options.HostDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(options.HostDll)!);
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";

        // One client creates every account and polls every timeline: the production limits would refuse most of it.
        foreach (var section in (string[])["Posting", "Following", "SignIn", "SignInPerUsername", "Sessions", "Registering", "Reads"])
        {
            start.Environment[$"RateLimits__{section}__PermitLimit"] = "1000000";
        }

        if (options.Mode == "server")
        {
            var database = $"coo_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
            start.Environment["Database__Provider"] = "PostgreSql";
            start.Environment["ConnectionStrings__Coo"] = (options.PostgreSql ?? throw new ArgumentException("server mode needs COO_BENCH_POSTGRES"))
                + $";Database={database}";
            start.Environment["Auth__SigningKey"] = "bench-signing-key-of-a-sufficient-length-0123456789";
            start.Environment["Ids__GeneratorId"] = "9";
            if (options.Redis is not null)
            {
                start.Environment["ConnectionStrings__Redis"] = options.Redis;
            }
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var host = new BenchHost(process, folder, address);
        using var client = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
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
                throw new InvalidOperationException("The host did not become ready.");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
