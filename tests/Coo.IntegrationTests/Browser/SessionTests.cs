using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task A_second_tab_shares_the_session_and_both_stay_signed_in_after_reloads()
    {
        var session = await NewSessionAsync();
        var first = await session.NewPageAsync();
        await SignUpAsync(first, "ada");
        var second = await session.OpenAsync("/");
        await VerifyAsync(second, () => Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 })).ToBeVisibleAsync());

        // The worst case, every time: without Web Locks to make the tabs take turns, both reloads' refreshes are held
        // until both are in flight, so both present the same cookie at once. The grace period must keep both signed in.
        var refreshes = await HoldRefreshesUntilBothArriveAsync(session);
        await Task.WhenAll(first.ReloadAsync(), second.ReloadAsync());

        foreach (var page in new[] { first, second })
        {
            await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 })).ToBeVisibleAsync());
        }

        var statuses = await refreshes.Statuses.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([200, 200], statuses);
        Assert.Single(refreshes.CookiesSent.Take(2).Distinct());
        await first.ReloadAsync();
        await VerifyAsync(first, () => Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 })).ToBeVisibleAsync());
    }

    /// <summary>What the two held refreshes sent and got.</summary>
    private sealed class HeldRefreshes
    {
        public List<string> CookiesSent { get; } = [];

        public TaskCompletionSource<int[]> Statuses { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static async Task<HeldRefreshes> HoldRefreshesUntilBothArriveAsync(BrowserSession session)
    {
        var held = new HeldRefreshes();
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var statuses = new List<int>();
        await session.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });");
        session.Context.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/v1/auth/refresh", StringComparison.Ordinal))
            {
                lock (statuses)
                {
                    statuses.Add(response.Status);
                    if (statuses.Count == 2)
                    {
                        held.Statuses.TrySetResult([.. statuses]);
                    }
                }
            }
        };
        await session.Context.RouteAsync("**/api/v1/auth/refresh", async route =>
        {
            var headers = await route.Request.AllHeadersAsync();
            lock (held.CookiesSent)
            {
                held.CookiesSent.Add(headers.TryGetValue("cookie", out var cookie) ? cookie : "");
                if (held.CookiesSent.Count >= 2)
                {
                    bothArrived.TrySetResult();
                }
            }

            try
            {
                await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // A lone refresh is let through after a while, so that a missing second one fails the test, not hangs it.
            }

            await route.ContinueAsync();
        });
        return held;
    }
}
