using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Home_page_is_titled_Coo_logs_no_errors_and_is_accessible()
    {
        var page = await OpenAsync("/");

        await VerifyAsync(page, () => Expect(page).ToHaveTitleAsync("Coo"));
        AssertNoConsoleErrors(page);
        await AssertAccessibleAsync(page, "home");
        await ScreenshotAsync(page, "smoke");
    }
}
