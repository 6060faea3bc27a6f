using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [BrowserFact]
    public async Task A_reload_keeps_the_session_while_the_refresh_token_stays_in_an_HttpOnly_cookie()
    {
        var session = await NewSessionAsync();
        var page = await session.NewPageAsync();
        await SignUpAsync(page, "ada");
        await PostAsync(page, "Still here after a reload");

        await page.ReloadAsync();

        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 })).ToBeVisibleAsync();
            await Expect(CooArticle(page, "Still here after a reload")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        });
        var cookie = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "coo_refresh");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/api/v1/auth", cookie.Path);

        // Neither token is where a script could read it.
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie");
        Assert.DoesNotContain("eyJ", storage, StringComparison.Ordinal);
        Assert.DoesNotContain(cookie.Value, storage, StringComparison.Ordinal);
        AssertNoConsoleErrors(page);
    }

    [BrowserFact]
    public async Task Signing_out_ends_the_session_for_a_reload_too()
    {
        var session = await NewSessionAsync();
        var page = await session.NewPageAsync();
        await SignUpAsync(page, "ada");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Coo" })).ToBeVisibleAsync());
        await page.ReloadAsync();

        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Coo" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        });
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "coo_refresh");
        AssertNoConsoleErrors(page);
    }

    [BrowserFact]
    public async Task A_second_tab_shares_the_session_and_both_stay_signed_in_after_reloads()
    {
        var session = await NewSessionAsync();
        var first = await session.NewPageAsync();
        await SignUpAsync(first, "ada");

        var second = await session.OpenAsync("/");
        await Task.WhenAll(first.ReloadAsync(), second.ReloadAsync());

        foreach (var page in new[] { first, second })
        {
            await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 })).ToBeVisibleAsync());
        }

        await first.ReloadAsync();
        await VerifyAsync(first, () => Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 })).ToBeVisibleAsync());
    }
}
