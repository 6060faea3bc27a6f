using Coo.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>axe-core on every main screen, in light and dark, on a desktop and a phone; each screen photographed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string AdasCoo = "That brain of mine is something more than merely mortal; as time will show. #engine";

    [Fact]
    public async Task Every_main_screen_has_no_serious_accessibility_violations()
    {
        await SeedAsync();
        var visitor = await OpenAsync("/");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Coo" })).ToBeVisibleAsync();
        await CheckAsync(visitor, "welcome");

        AssertNoConsoleErrors(visitor);

        // The refused sign-up's 400 is logged by the browser; the page itself must show it, not fail.
        await visitor.GotoAsync("/signup");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(visitor.Locator("#field-username-error")).Not.ToBeEmptyAsync();
        await CheckAsync(visitor, "sign-up-errors");

        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "ada");
        await Expect(CooArticles(page)).ToHaveCountAsync(3);
        await CheckAsync(page, "home");

        await CooArticle(page, AdasCoo).GetByRole(AriaRole.Link, new() { Name = "#engine" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "#engine", Level = 1 })).ToBeVisibleAsync();
        await Expect(CooArticles(page)).ToHaveCountAsync(1);
        await CheckAsync(page, "tag");

        await page.GotoAsync("/@grace");
        await Expect(CooArticles(page)).ToHaveCountAsync(2);
        await CheckAsync(page, "profile");

        await page.GotoAsync("/@grace/followers");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await CheckAsync(page, "followers");
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task Home_on_a_phone_in_dark_mode_has_no_serious_accessibility_violations()
    {
        await SeedAsync();
        var page = await (await NewSessionAsync(BrowserOptions.Phone)).NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await SignInAsync(page, "ada");
        await Expect(CooArticles(page)).ToHaveCountAsync(3);

        await CheckAsync(page, "home-phone-dark");
        AssertNoConsoleErrors(page);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth");
        Assert.False(overflow, "The page is wider than a phone's screen.");
    }

    private async Task CheckAsync(IPage page, string screen)
    {
        await AssertAccessibleAsync(page, screen);
        await ScreenshotAsync(page, screen);
    }

    /// <summary>Ada follows Grace; each has posted, Ada with a hashtag.</summary>
    private async Task SeedAsync()
    {
        using var api = Host.Api.CreateClient();
        var grace = await api.CreateUserAsync("grace");
        var ada = await api.CreateUserAsync("ada");
        (await api.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", grace.Tokens.AccessToken, new { displayName = "Grace Hopper" })).Dispose();
        (await api.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", ada.Tokens.AccessToken, new { displayName = "Ada Lovelace", bio = "Notes on the analytical engine." })).Dispose();
        await api.FollowOkAsync(ada, "grace");
        await api.PostCooOkAsync(grace, "It's easier to ask forgiveness than it is to get permission.");
        await api.PostCooOkAsync(grace, "A ship in port is safe, but that is not what ships are built for.");
        await api.PostCooOkAsync(ada, AdasCoo);
        await api.HomeTimelineBecomesAsync(ada,
            AdasCoo,
            "A ship in port is safe, but that is not what ships are built for.",
            "It's easier to ask forgiveness than it is to get permission.");
        await Eventually.MatchAsync(
            () => api.WholeListAsync<CooItem>("/api/v1/tags/engine/coos", pageSize: 20), coos => coos.Count == 1, what: "Ada's coo tagged #engine");
    }
}
