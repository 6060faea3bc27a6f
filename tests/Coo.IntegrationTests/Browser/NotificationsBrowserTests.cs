using Coo.IntegrationTests.Infrastructure;
using Coo.IntegrationTests.Notifications;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>The unread count in the header, and the notifications page that names who did what and marks it read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Ada_sees_her_unread_count_in_the_header_then_reads_who_followed_her_and_liked_her_coo()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var coo = await api.PostCooOkAsync(ada, "The engine weaves algebraic patterns");
        foreach (var name in new[] { "grace", "alan", "edsger" })
        {
            var fan = await api.CreateUserAsync(name);
            await api.ReactOkAsync(HttpMethod.Put, fan, coo.Id, "like");
        }

        await api.FollowOkAsync(await api.CreateUserAsync("barbara"), "ada");
        await Eventually.MatchAsync(() => api.UnreadCountAsync(ada), count => count == 2, what: "ada's two notifications");

        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "ada");
        var notificationsLink = NotificationsLink(page);
        await VerifyAsync(page, () => Expect(notificationsLink).ToHaveAccessibleNameAsync("Notifications (2 unread notifications)"));

        await notificationsLink.ClickAsync();
        var items = page.GetByRole(AriaRole.List, new() { Name = "Notifications" }).Locator("> li");
        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
            await Expect(items).ToHaveCountAsync(2);
            await Expect(items.Nth(0)).ToContainTextAsync("barbara followed you");
            await Expect(items.Nth(1)).ToContainTextAsync("edsger and 2 others liked your coo");
            await Expect(items.Nth(1).GetByRole(AriaRole.Link, new() { Name = "The engine weaves algebraic patterns" })).ToBeVisibleAsync();
            await Expect(notificationsLink).ToHaveAccessibleNameAsync("Notifications");
        });
        await AssertAccessibleAsync(page, "notifications");
        await ScreenshotAsync(page, "notifications");
        Assert.Equal(0, await api.UnreadCountAsync(ada));
        AssertNoConsoleErrors(page);
    }

    /// <summary>The live stream carries the change: no reload, and far sooner than the minute the fallback poll waits.</summary>
    [Fact]
    public async Task A_like_shows_in_the_header_of_the_person_liked_while_her_page_stays_open()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, "Notes on the analytical engine");

        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "ada");
        var notificationsLink = NotificationsLink(page);
        await Expect(notificationsLink).ToHaveAccessibleNameAsync("Notifications");

        await api.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        await VerifyAsync(page, () => Expect(notificationsLink).ToHaveAccessibleNameAsync(
            "Notifications (1 unread notification)", new() { Timeout = 20_000 }));
        AssertNoConsoleErrors(page);
    }

    /// <summary>
    /// The page asks for the count before its live stream opens, and the stream brings only what happens after it
    /// opened: a like in between shows once the stream is open, not a minute later when the fallback poll asks.
    /// </summary>
    [Fact]
    public async Task A_like_made_while_the_live_stream_is_still_opening_shows_once_it_opens()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, "Notes on the analytical engine");

        var page = await (await NewSessionAsync()).NewPageAsync();
        var liked = new TaskCompletionSource();
        await page.RouteAsync("**/users/me/stream", async route =>
        {
            await liked.Task;
            await route.ContinueAsync();
        });
        await SignInAsync(page, "ada");
        var notificationsLink = NotificationsLink(page);
        await Expect(notificationsLink).ToHaveAccessibleNameAsync("Notifications");

        await api.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        await Eventually.MatchAsync(() => api.UnreadCountAsync(ada), count => count == 1, what: "ada's notification of the like");
        liked.SetResult();
        await VerifyAsync(page, () => Expect(notificationsLink).ToHaveAccessibleNameAsync(
            "Notifications (1 unread notification)", new() { Timeout = 20_000 }));
        AssertNoConsoleErrors(page);
    }

    /// <summary>The first count the page asked for comes back last, after the stream told the newer one: it is not shown.</summary>
    [Fact]
    public async Task A_count_answered_after_the_live_stream_told_a_newer_one_is_not_shown()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, "Notes on the analytical engine");

        var page = await (await NewSessionAsync()).NewPageAsync();
        var told = new TaskCompletionSource();
        var asked = 0;
        await page.RouteAsync("**/users/me/notifications/unread-count", async route =>
        {
            if (Interlocked.Increment(ref asked) > 1)
            {
                await route.ContinueAsync();
                return;
            }

            // Answered now (no notification yet), delivered once the stream has told the count after the like.
            var answer = await route.FetchAsync();
            await told.Task;
            await route.FulfillAsync(new() { Response = answer });
        });
        await SignInAsync(page, "ada");
        var notificationsLink = NotificationsLink(page);

        await api.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        await VerifyAsync(page, () => Expect(notificationsLink).ToHaveAccessibleNameAsync(
            "Notifications (1 unread notification)", new() { Timeout = 20_000 }));
        var lateAnswer = page.WaitForRequestFinishedAsync(new() { Predicate = request => request.Url.EndsWith("/unread-count", StringComparison.Ordinal) });
        told.SetResult();
        await lateAnswer;
        await page.EvaluateAsync("() => new Promise(requestAnimationFrame)");
        await VerifyAsync(page, () => Expect(notificationsLink).ToHaveAccessibleNameAsync("Notifications (1 unread notification)"));
        AssertNoConsoleErrors(page);
    }

    /// <summary>The header's link to the notifications, whose accessible name carries the unread count.</summary>
    private static ILocator NotificationsLink(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Notifications" });
}
