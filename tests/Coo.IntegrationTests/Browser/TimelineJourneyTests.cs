using Coo.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>Two people in two browsers: follow, post, see it arrive, page back, delete, edit a profile.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelineJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_new_coo_from_someone_you_follow_arrives_on_your_open_home_page_without_a_reload()
    {
        var ada = await (await NewSessionAsync()).NewPageAsync();
        var grace = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(grace, "grace", "Grace Hopper");
        await SignUpAsync(ada, "ada", "Ada Lovelace");

        await ada.GotoAsync("/@grace");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();
        await VerifyAsync(ada, async () =>
        {
            await Expect(ada.GetByRole(AriaRole.Button, new() { Name = "Unfollow" })).ToBeVisibleAsync();
            await Expect(ada.GetByRole(AriaRole.Link, new() { Name = "1 Follower" })).ToBeVisibleAsync();
        });
        await ada.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Expect(ada.GetByText("Nothing here yet")).ToBeVisibleAsync();
        var pageLoads = 0;
        ada.Load += (_, _) => pageLoads++;

        await PostAsync(grace, "Bugs are moths in the relay");

        var notice = ada.GetByRole(AriaRole.Button, new() { Name = "Show 1 new coo" });
        await VerifyAsync(ada, async () =>
        {
            await Expect(notice).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(ada.Locator("#announcer")).ToHaveTextAsync("Show 1 new coo");
        });
        await ScreenshotAsync(ada, "home-new-coos-notice");
        await notice.ClickAsync();
        await VerifyAsync(ada, async () =>
        {
            await Expect(CooArticle(ada, "Bugs are moths in the relay")).ToBeVisibleAsync();
            await Expect(notice).ToBeHiddenAsync();
        });
        Assert.Equal(0, pageLoads);
        AssertNoConsoleErrors(ada);
        AssertNoConsoleErrors(grace);
    }

    /// <summary>
    /// The home page reads its first page before its live stream opens, and the stream brings only what happens after
    /// it opened: a coo posted in between is offered once the stream is open, not when the fallback poll next asks.
    /// </summary>
    [Fact]
    public async Task A_coo_posted_while_the_live_stream_is_still_opening_is_offered_once_it_opens()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        await api.FollowOkAsync(ada, "grace");

        var page = await (await NewSessionAsync()).NewPageAsync();
        var posted = new TaskCompletionSource();
        await page.RouteAsync("**/users/me/stream", async route =>
        {
            await posted.Task;
            await route.ContinueAsync();
        });
        await SignInAsync(page, "ada");
        await Expect(page.GetByText("Nothing here yet")).ToBeVisibleAsync();

        await api.PostCooOkAsync(grace, "Bugs are moths in the relay");
        await api.HomeTimelineBecomesAsync(ada, "Bugs are moths in the relay");
        posted.SetResult();
        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show 1 new coo" })).ToBeVisibleAsync(new() { Timeout = 20_000 }));
        AssertNoConsoleErrors(page);
    }

    /// <summary>
    /// The first page can be read before a coo on it is deleted and arrive after the stream said so: the coo is not shown.
    /// The test listens on the page's own stream (its module, imported again, is the same instance) for the delete.
    /// </summary>
    [Fact]
    public async Task A_coo_deleted_while_the_first_page_is_on_its_way_is_not_shown_when_the_page_arrives()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        await api.FollowOkAsync(ada, "grace");
        await api.PostCooOkAsync(grace, "Bugs are moths in the relay");
        var regretted = await api.PostCooOkAsync(grace, "A coo to take back");
        await api.HomeTimelineBecomesAsync(ada, "A coo to take back", "Bugs are moths in the relay");

        var page = await (await NewSessionAsync()).NewPageAsync();
        var firstPageRead = new TaskCompletionSource();
        var deleteHeard = new TaskCompletionSource();
        await page.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith("/users/me/timeline", StringComparison.Ordinal), async route =>
        {
            if (!firstPageRead.TrySetResult())
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            await deleteHeard.Task;
            await route.FulfillAsync(new() { Response = response });
        });
        var streamOpened = page.WaitForResponseAsync(response => response.Url.EndsWith("/users/me/stream", StringComparison.Ordinal));
        await SignInAsync(page, "ada");
        await streamOpened;
        await firstPageRead.Task;
        await page.EvaluateAsync("""
            async () => {
              const { live } = await import('/js/live.js');
              window.deletedCoos = [];
              live.addEventListener('delete', event => window.deletedCoos.push(event.detail.id));
            }
            """);

        using (var deleted = await api.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{regretted.Id}", grace.Tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await page.WaitForFunctionAsync("id => window.deletedCoos.includes(id)", regretted.Id);
        deleteHeard.SetResult();
        await VerifyAsync(page, async () =>
        {
            await Expect(CooArticle(page, "Bugs are moths in the relay")).ToBeVisibleAsync();
            await Expect(CooArticles(page)).ToHaveCountAsync(1);
        });
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task Scrolling_to_the_end_of_the_home_timeline_loads_the_older_pages()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        for (var i = 1; i <= 45; i++)
        {
            await api.PostCooOkAsync(ada, $"Note {i:00} on the analytical engine");
        }

        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "ada");

        await VerifyAsync(page, async () =>
        {
            await Expect(CooArticles(page)).ToHaveCountAsync(20);
            await Expect(CooArticles(page).First).ToContainTextAsync("Note 45");
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Load older" }).ScrollIntoViewIfNeededAsync();
        await VerifyAsync(page, () => Expect(CooArticles(page)).ToHaveCountAsync(40));
        await page.GetByRole(AriaRole.Button, new() { Name = "Load older" }).ScrollIntoViewIfNeededAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(CooArticles(page)).ToHaveCountAsync(45);
            await Expect(CooArticles(page).Last).ToContainTextAsync("Note 01");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load older" })).ToBeHiddenAsync();
        });
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task Deleting_your_own_coo_asks_first_then_removes_it()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");
        await PostAsync(page, "A draft I will regret");
        await PostAsync(page, "A note worth keeping");

        var regret = CooArticle(page, "A draft I will regret");
        await regret.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this coo?" });
        await VerifyAsync(page, () => Expect(dialog).ToBeVisibleAsync());
        await AssertAccessibleAsync(page, "delete-dialog");
        await ScreenshotAsync(page, "delete-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(regret).ToBeVisibleAsync();
        });

        await regret.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(regret).ToHaveCountAsync(0);
            await Expect(CooArticle(page, "A note worth keeping")).ToBeVisibleAsync();
        });

        using var api = Host.Api.CreateClient();
        var coos = await api.GetStringAsync(new Uri("/api/v1/users/ada/coos", UriKind.Relative));
        Assert.DoesNotContain("A draft I will regret", coos, StringComparison.Ordinal);
        Assert.Contains("A note worth keeping", coos, StringComparison.Ordinal);
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task Editing_your_profile_shows_the_new_name_and_bio_to_everyone()
    {
        var ada = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(ada, "ada", "Ada");
        await ada.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await ada.GetByRole(AriaRole.Button, new() { Name = "Edit profile" }).ClickAsync();
        await ada.GetByLabel("Display name").FillAsync("Ada Lovelace");
        await ada.GetByLabel("Bio").FillAsync("First programmer.");
        await AssertAccessibleAsync(ada, "edit-profile");
        await ScreenshotAsync(ada, "edit-profile");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await VerifyAsync(ada, async () =>
        {
            await Expect(ada.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace", Level = 1 })).ToBeVisibleAsync();
            await Expect(ada.GetByText("First programmer.")).ToBeVisibleAsync();
        });

        var visitor = await OpenAsync("/@ada");
        await VerifyAsync(visitor, async () =>
        {
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace", Level = 1 })).ToBeVisibleAsync();
            await Expect(visitor.GetByText("First programmer.")).ToBeVisibleAsync();
            await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Sign in to follow" })).ToHaveAttributeAsync("href", "/signin");
        });
        AssertNoConsoleErrors(ada);
    }

    [Fact]
    public async Task A_profile_that_does_not_exist_says_so()
    {
        var page = await OpenAsync("/@nobody_here");

        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is no @nobody_here on Coo." })).ToBeVisibleAsync());
    }
}
