using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>The browser harness itself: the checks other tests rely on must fail when they should.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HarnessTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Accessibility_check_fails_listing_each_serious_violation_with_its_target_and_html()
    {
        var page = await OpenAsync("/");
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Broken</title></head>
            <body><main><img id="nameless-image" src="data:,"><button id="empty-button"></button></main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<XunitException>(() => Accessibility.AssertAccessibleAsync(page, "broken fixture"));

        Assert.Contains("broken fixture", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#nameless-image", failure.Message, StringComparison.Ordinal);
        Assert.Contains("button-name [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("<button id=\"empty-button\"></button>", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_keep_their_own_cookies_locale_time_zone_and_screen()
    {
        var desktop = await OpenAsync("/");
        var phone = await OpenAsync("/", BrowserOptions.Phone with { Locale = "de-DE" });
        await desktop.EvaluateAsync("() => document.cookie = 'who=desktop'");

        Assert.Equal("", await phone.EvaluateAsync<string>("() => document.cookie"));
        Assert.Equal(["en-US", "Europe/Berlin", "1280"], await DescribeAsync(desktop));
        Assert.Equal(["de-DE", "Europe/Berlin", "390"], await DescribeAsync(phone));
    }

    [Fact]
    public async Task Page_log_counts_uncaught_exceptions_and_console_errors()
    {
        var page = await OpenAsync("/");

        await page.EvaluateAsync("() => { console.error('broken on purpose'); setTimeout(() => { throw new Error('thrown on purpose'); }); }");

        await VerifyAsync(page, () => Expect(page).ToHaveTitleAsync("Coo"));
        var errors = await Eventually.MatchAsync(() => Task.FromResult(LogOf(page).Errors), e => e.Count == 2, what: "two errors in the page log");
        Assert.Contains(errors, e => e.Contains("broken on purpose", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("thrown on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_created_through_the_api_client_are_served_to_the_browser()
    {
        using var api = Host.Api.CreateClient();
        await api.CreateUserAsync("alice");
        var page = await OpenAsync("/");

        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/users/alice')).status");

        Assert.Equal(200, status);
    }

    private static async Task<string[]> DescribeAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            "() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone, String(window.innerWidth)]");
}
