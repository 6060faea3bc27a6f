using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// One browser context (one user: its own cookies and storage) on the test server, logging every page it opens.
/// Relative URLs resolve against the server, e.g. <c>await session.OpenAsync("/@alice")</c>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConditionalWeakTable<IPage, PageLog> _logs = [];
    private readonly List<(IPage Page, PageLog Log)> _pages = [];

    private BrowserSession(IBrowserContext context, BrowserOptions options)
    {
        Context = context;
        Options = options;
        context.Page += (_, page) => Track(page);
    }

    public IBrowserContext Context { get; }

    public BrowserOptions Options { get; }

    /// <summary>Every page this session opened, popups included, with its log, in the order they opened.</summary>
    public IReadOnlyList<(IPage Page, PageLog Log)> Pages
    {
        get
        {
            lock (_pages)
            {
                return [.. _pages];
            }
        }
    }

    internal static async Task<BrowserSession> StartAsync(IBrowser browser, Uri baseAddress, BrowserOptions options) =>
        new(await browser.NewContextAsync(options.ToContextOptions(baseAddress)), options);

    public async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        Track(page);
        return page;
    }

    /// <summary>A new page at <paramref name="path"/>, after its <c>load</c> event.</summary>
    public async Task<IPage> OpenAsync(string path = "/")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    public PageLog LogOf(IPage page) =>
        _logs.TryGetValue(page, out var log) ? log : throw new ArgumentException("The page does not belong to this session.", nameof(page));

    public ValueTask DisposeAsync() => Context.DisposeAsync();

    private void Track(IPage page)
    {
        lock (_pages)
        {
            if (!_logs.TryGetValue(page, out _))
            {
                var log = new PageLog(page);
                _logs.Add(page, log);
                _pages.Add((page, log));
            }
        }
    }
}
