using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PinnedCooBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_coo_pinned_on_your_profile_shows_first_marked_pinned_until_you_unpin_it()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");
        await PostAsync(page, "The older coo");
        await PostAsync(page, "The newer coo");
        await page.GotoAsync("/@ada");
        var pinned = page.GetByRole(AriaRole.List, new() { Name = "Pinned" });

        await CooArticle(page, "The older coo").GetByRole(AriaRole.Button, new() { Name = "Pin to profile" }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(pinned.GetByRole(AriaRole.Article)).ToHaveCountAsync(1);
            await Expect(pinned).ToContainTextAsync("Pinned");
            await Expect(pinned).ToContainTextAsync("The older coo");
        });
        await ScreenshotAsync(page, "profile-pinned-coo");

        await page.ReloadAsync();
        await Expect(pinned).ToContainTextAsync("The older coo");
        await pinned.GetByRole(AriaRole.Button, new() { Name = "Unpin" }).ClickAsync();
        await VerifyAsync(page, () => Expect(pinned.GetByRole(AriaRole.Article)).ToHaveCountAsync(0));
        await Expect(CooArticles(page)).ToHaveCountAsync(2);
        AssertNoConsoleErrors(page);
    }
}
