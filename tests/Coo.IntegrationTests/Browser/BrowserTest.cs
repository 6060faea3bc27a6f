using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// Base of the browser tests (mark the class <c>[Collection(BrowserCollection.Name)]</c>): every test starts on an empty
/// database, opens as many sessions as it has users, and leaves each page's console log in its output.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<BrowserSession> _sessions = [];

    protected LoopbackHost Host => fixture.Host;

    protected ITestOutputHelper Output => output;

    /// <summary>A new browser context: cookies, storage and cache of its own, e.g. one per user.</summary>
    protected async Task<BrowserSession> NewSessionAsync(BrowserOptions? options = null)
    {
        var session = await BrowserSession.StartAsync(await fixture.BrowserAsync(), Host.BaseAddress, options ?? BrowserOptions.Desktop);
        _sessions.Add(session);
        return session;
    }

    /// <summary>A page at <paramref name="path"/> in a new session.</summary>
    protected async Task<IPage> OpenAsync(string path = "/", BrowserOptions? options = null) =>
        await (await NewSessionAsync(options)).OpenAsync(path);

    /// <summary>The console log of any page opened by this test, for assertion messages.</summary>
    protected PageLog LogOf(IPage page) =>
        _sessions.SelectMany(s => s.Pages).Where(p => p.Page == page).Select(p => p.Log).FirstOrDefault()
            ?? throw new ArgumentException("The page was not opened by this test.", nameof(page));

    protected void AssertNoConsoleErrors(IPage page)
    {
        var log = LogOf(page);
        if (log.Errors.Count > 0)
        {
            throw new XunitException($"{log.Errors.Count} console error(s) on {page.Url}:{Environment.NewLine}{log}");
        }
    }

    protected async Task AssertAccessibleAsync(IPage page, string screenName) =>
        await VerifyAsync(page, () => Accessibility.AssertAccessibleAsync(page, screenName), $"inaccessible-{screenName}");

    protected async Task ScreenshotAsync(IPage page, string name) =>
        Output.WriteLine($"screenshot: {await Screenshots.SaveAsync(page, name)}");

    /// <summary>
    /// Reloads the page until the locator shows, each time waiting as Playwright's expectations do: for what the server
    /// shows once its consumers caught up, which the page does not poll for.
    /// </summary>
    protected static async Task ReloadUntilVisibleAsync(IPage page, ILocator locator, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await Assertions.Expect(locator).ToBeVisibleAsync(new() { Timeout = 2000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
            }
        }
    }

    /// <summary>
    /// Runs assertions about a page; when they fail, saves a screenshot named after the test and adds the page's
    /// console log to the failure, e.g. <c>await VerifyAsync(page, () => Expect(page.GetByRole(...)).ToBeVisibleAsync())</c>.
    /// </summary>
    protected async Task VerifyAsync(IPage page, Func<Task> assertions, [CallerMemberName] string test = "")
    {
        try
        {
            await assertions();
        }
        catch (Exception ex) when (ex is XunitException or PlaywrightException or TimeoutException)
        {
            var screenshot = await TryScreenshotAsync(page, $"failed-{GetType().Name}.{test}");
            throw new XunitException(
                $"{ex.Message}{Environment.NewLine}screenshot: {screenshot}{Environment.NewLine}browser log of {page.Url}:{Environment.NewLine}{LogOf(page)}",
                ex);
        }
    }

    public async Task InitializeAsync() => await Host.ResetAsync();

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            foreach (var (page, log) in session.Pages.Where(p => p.Log.Entries.Count > 0))
            {
                Output.WriteLine($"browser log of {page.Url}:{Environment.NewLine}{log}");
            }

            await session.DisposeAsync();
        }
    }

    private static async Task<string> TryScreenshotAsync(IPage page, string name)
    {
        try
        {
            return await Screenshots.SaveAsync(page, name);
        }
        catch (PlaywrightException ex)
        {
            return $"(none: {ex.Message})";
        }
    }
}
