using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.RateLimiting;

/// <summary>
/// Plays the TCP peer's address, which TestServer leaves null: a request with <see cref="Header"/> comes "from" that
/// IP, so tests can be several clients, or a reverse proxy, on one host. It runs before the host's pipeline, where a
/// real server sets the peer.
/// </summary>
internal sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    private static int _lastPeer;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[Header] is [{ } peer])
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>The host of <paramref name="factory"/>, where requests may name their peer address.</summary>
    public static WebApplicationFactory<Program> Enable(CooApiFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestPeerAddress>()));

    /// <summary>A client with an IP address no other client of this test run has.</summary>
    public static HttpClient NewClient(WebApplicationFactory<Program> host, string? peer = null)
    {
        var client = host.CreateClient();
        var n = Interlocked.Increment(ref _lastPeer);
        client.DefaultRequestHeaders.Add(Header, peer ?? $"10.{n / 62500 % 250}.{n / 250 % 250}.{(n % 250) + 1}");
        return client;
    }
}
