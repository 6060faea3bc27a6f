using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// The whole host in embedded mode (SQLite) on Kestrel at a free loopback port, so that a real browser can reach it.
/// Static web assets are served exactly as in production: MapStaticAssets reads the build's endpoint manifest.
/// </summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    private LoopbackHost(CooApiFactory api, Uri baseAddress)
    {
        Api = api;
        BaseAddress = baseAddress;
    }

    /// <summary>The factory behind the server: <see cref="CooApiFactory.CreateClient()"/> talks to Kestrel too.</summary>
    public CooApiFactory Api { get; }

    /// <summary><c>http://localhost:&lt;port&gt;/</c>: browsers treat localhost as a secure context, so <c>Secure</c> cookies work.</summary>
    public Uri BaseAddress { get; }

    public static LoopbackHost Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = new CooApiFactory(TestProvider.Sqlite);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            api.Settings[key] = value;
        }

        api.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        api.StartServer();
        var bound = api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackHost(api, new UriBuilder(bound) { Host = "localhost" }.Uri);
    }

    /// <summary>Empties every table, as between the API tests.</summary>
    public Task ResetAsync() => Api.ResetAsync();

    /// <summary>A client of the real server that leaves compression alone, as a browser's network layer sees it.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
    {
        BaseAddress = BaseAddress,
    };

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
