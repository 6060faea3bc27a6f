using System.Text.RegularExpressions;
using Coo.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// Mentions, hashtags and links in a coo's text are links (to the profile, the hashtag's page, the web page), and the
/// home page lists the trending tags.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TagsBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Text = "Hello @grace, see #Coo and https://example.org";

    // Trends are counted by a background consumer after the coo is posted, so the home page shows them a little later.
    private static readonly TimeSpan TrendingDelay = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_coos_mention_hashtag_and_link_lead_to_the_profile_the_hashtags_page_and_the_web_page()
    {
        using var api = Host.Api.CreateClient();
        await api.CreateUserAsync("grace");
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada", "Ada Lovelace");
        await PostAsync(page, Text);

        var coo = CooArticle(page, Text);
        await VerifyAsync(page, async () =>
        {
            await Expect(coo.Locator(".coo-text")).ToHaveTextAsync(Text);
            await Expect(coo.GetByRole(AriaRole.Link, new() { Name = "@grace", Exact = true })).ToHaveAttributeAsync("href", "/@grace");
            await Expect(coo.GetByRole(AriaRole.Link, new() { Name = "#Coo", Exact = true })).ToHaveAttributeAsync("href", "/tags/coo");
            var link = coo.GetByRole(AriaRole.Link, new() { Name = "https://example.org", Exact = true });
            await Expect(link).ToHaveAttributeAsync("href", "https://example.org");
            await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow ugc");
        });
        await ScreenshotAsync(page, "coo-entities");

        // A background consumer adds the coo to its hashtag's list.
        await Eventually.MatchAsync(
            () => api.WholeListAsync<CooItem>("/api/v1/tags/coo/coos", pageSize: 20), coos => coos.Count == 1, what: "the coo tagged #coo");

        await coo.GetByRole(AriaRole.Link, new() { Name = "#Coo", Exact = true }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(page).ToHaveURLAsync(new Regex("/tags/coo$"));
            await Expect(page).ToHaveTitleAsync("#coo · Coo");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "#coo", Level = 1 })).ToBeFocusedAsync();
            await Expect(page.GetByRole(AriaRole.List, new() { Name = "Coos with #coo" }).GetByRole(AriaRole.Article)).ToHaveCountAsync(1);
            await Expect(CooArticle(page, Text)).ToBeVisibleAsync();
        });
        await AssertAccessibleAsync(page, "tag");
        await ScreenshotAsync(page, "tag");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await AssertAccessibleAsync(page, "tag-dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await CooArticle(page, Text).GetByRole(AriaRole.Link, new() { Name = "@grace", Exact = true }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(page).ToHaveURLAsync(new Regex("/@grace$"));
            await Expect(page).ToHaveTitleAsync("@grace · Coo");
        });
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task The_home_page_lists_a_tag_people_use_among_the_trends_in_english_and_german()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada", "Ada Lovelace");
        await PostAsync(page, Text);

        var trending = page.GetByRole(AriaRole.Region, new() { Name = "Trending" });
        await ReloadUntilVisibleAsync(page, trending.GetByRole(AriaRole.Link, new() { Name = "#coo", Exact = true }), TrendingDelay);
        await VerifyAsync(page, async () =>
        {
            await Expect(trending.GetByRole(AriaRole.Heading, new() { Name = "Trending", Level = 2 })).ToBeVisibleAsync();
            await Expect(trending.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["#coo 1 person"]);
        });
        await AssertAccessibleAsync(page, "home-trending");
        await ScreenshotAsync(page, "home-trending");

        await page.GetByLabel("Language").SelectOptionAsync("de");
        var imTrend = page.GetByRole(AriaRole.Region, new() { Name = "Im Trend" });
        await VerifyAsync(page, () => Expect(imTrend.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["#coo 1 Person"]));

        await imTrend.GetByRole(AriaRole.Link, new() { Name = "#coo", Exact = true }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "#coo", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.List, new() { Name = "Coos mit #coo" })).ToContainTextAsync(Text);
        });
        AssertNoConsoleErrors(page);
    }
}
