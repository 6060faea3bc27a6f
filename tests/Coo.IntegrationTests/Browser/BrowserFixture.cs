using Microsoft.Playwright;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// One test server and one Chromium for the whole browser collection, each started on first use: tests that only
/// need HTTP never launch the browser, and a machine without Chromium still runs them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private LoopbackHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <remarks>Tests in a collection run one at a time, so lazy start needs no lock.</remarks>
    public LoopbackHost Host => _host ??= LoopbackHost.Start();

    public async Task<IBrowser> BrowserAsync()
    {
        if (_browser is null)
        {
            (_playwright, _browser) = await Chromium.LaunchAsync();
        }

        return _browser;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
