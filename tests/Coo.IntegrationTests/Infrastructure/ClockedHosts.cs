using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// One host per provider whose clock the tests move forward, by minutes (past a refresh token's grace period, a
/// lockout): further, the access tokens it issued would expire. An <see cref="IAsyncLifetime"/>: xUnit 2 disposes a
/// fixture that is only <see cref="IAsyncDisposable"/> not at all, and the PostgreSQL host's database of its own was
/// left behind after every run.
/// </summary>
public sealed class ClockedHosts : IAsyncLifetime
{
    private readonly Dictionary<TestProvider, (CooApiFactory Factory, WebApplicationFactory<Program> Host)> _hosts = [];

    public ShiftedClock Clock { get; } = new();

    public HttpClient NewClient(TestProvider provider)
    {
        if (!_hosts.TryGetValue(provider, out var host))
        {
            var factory = new CooApiFactory(provider, ownDatabase: true);
            host = (factory, factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock))));
            _hosts[provider] = host;
        }

        return host.Host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
    }

    public CooApiFactory Factory(TestProvider provider) => _hosts[provider].Factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (factory, host) in _hosts.Values)
        {
            await host.DisposeAsync();
            await factory.DisposeAsync();
        }
    }
}
