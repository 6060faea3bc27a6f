using Coo.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// Likes and reposts (and "X reposted" on a home timeline): toggles that show a click at once, keep what the server confirmed, send one request at a time,
/// and are only for the signed in; visitors see the counts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReactionsBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string AdasCoo = "The engine weaves algebraic patterns";
    private const string GracesCoo = "A ship in port is safe";

    [Fact]
    public async Task Two_people_like_and_repost_each_others_coos_and_see_the_counts_and_their_own_reactions_after_a_reload()
    {
        var ada = await (await NewSessionAsync()).NewPageAsync();
        var grace = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(ada, "ada", "Ada Lovelace");
        await PostAsync(ada, AdasCoo);
        await SignUpAsync(grace, "grace", "Grace Hopper");
        await PostAsync(grace, GracesCoo);

        await grace.GotoAsync("/@ada");
        var adasCoo = CooArticle(grace, AdasCoo);
        await ToggleReactionAsync(adasCoo, "Like");
        await ToggleReactionAsync(adasCoo, "Repost");
        await VerifyAsync(grace, async () =>
        {
            await ExpectReactionAsync(adasCoo, "Like", pressed: true, "1", "1 like");
            await ExpectReactionAsync(adasCoo, "Repost", pressed: true, "1", "1 repost");
        });

        await ada.GotoAsync("/@grace");
        var gracesCoo = CooArticle(ada, GracesCoo);
        await ReactionButton(gracesCoo, "Like").FocusAsync();
        await ada.RunAndWaitForResponseAsync(() => ada.Keyboard.PressAsync("Space"), response => response.Url.EndsWith("/like", StringComparison.Ordinal));
        await ToggleReactionAsync(gracesCoo, "Repost");
        await VerifyAsync(ada, async () =>
        {
            await ExpectReactionAsync(gracesCoo, "Like", pressed: true, "1", "1 like");
            await ExpectReactionAsync(gracesCoo, "Repost", pressed: true, "1", "1 repost");
        });
        await AssertAccessibleAsync(ada, "reactions");
        await ScreenshotAsync(ada, "reactions");

        // Ada's home timeline counts Grace's reactions to her coo, which Ada herself has not reacted to.
        await ada.GotoAsync("/");
        var ownCoo = CooArticle(ada, AdasCoo);
        await VerifyAsync(ada, async () =>
        {
            await ExpectReactionAsync(ownCoo, "Like", pressed: false, "1", "1 like");
            await ExpectReactionAsync(ownCoo, "Repost", pressed: false, "1", "1 repost");
        });

        await grace.ReloadAsync();
        await VerifyAsync(grace, async () =>
        {
            await ExpectReactionAsync(adasCoo, "Like", pressed: true, "1", "1 like");
            await ExpectReactionAsync(adasCoo, "Repost", pressed: true, "1", "1 repost");
        });
        await grace.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await AssertAccessibleAsync(grace, "reactions-dark");
        await ScreenshotAsync(grace, "reactions-dark");

        await ToggleReactionAsync(adasCoo, "Like");
        await VerifyAsync(grace, () => ExpectReactionAsync(adasCoo, "Like", pressed: false, "0", "0 likes"));
        await grace.ReloadAsync();
        await VerifyAsync(grace, async () =>
        {
            await ExpectReactionAsync(adasCoo, "Like", pressed: false, "0", "0 likes");
            await ExpectReactionAsync(adasCoo, "Repost", pressed: true, "1", "1 repost");
        });
        await ada.ReloadAsync();
        await VerifyAsync(ada, () => ExpectReactionAsync(ownCoo, "Like", pressed: false, "0", "0 likes"));

        // Grace reposted Ada's coo: her home timeline shows it, saying who reposted it.
        await grace.GotoAsync("/");
        await ReloadUntilVisibleAsync(grace, CooArticle(grace, AdasCoo), TimeSpan.FromSeconds(15));
        await Expect(CooArticle(grace, AdasCoo)).ToContainTextAsync("Grace Hopper reposted");
        AssertNoConsoleErrors(ada);
        AssertNoConsoleErrors(grace);
    }

    [Fact]
    public async Task Visitors_see_the_counts_in_their_language_but_nothing_to_press()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, AdasCoo);
        await api.ReactOkAsync(HttpMethod.Put, ada, coo.Id, "like");
        await api.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "like");
        await api.ReactOkAsync(HttpMethod.Put, grace, coo.Id, "repost");

        var visitor = await OpenAsync("/@ada");
        var article = CooArticle(visitor, AdasCoo);
        await VerifyAsync(visitor, async () =>
        {
            await Expect(article).ToContainTextAsync("2 likes");
            await Expect(article).ToContainTextAsync("1 repost");
            await Expect(article.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        });
        AssertNoConsoleErrors(visitor);

        var german = await OpenAsync("/@ada", BrowserOptions.Desktop with { Locale = "de-DE" });
        await VerifyAsync(german, async () =>
        {
            await Expect(CooArticle(german, AdasCoo)).ToContainTextAsync("2 „Gefällt mir“-Angaben");
            await Expect(CooArticle(german, AdasCoo)).ToContainTextAsync("1-mal geteilt");
        });
        AssertNoConsoleErrors(german);
    }

    [Fact]
    public async Task Liking_a_pinned_coo_also_presses_its_copy_in_the_list_below()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, AdasCoo);
        (await api.SendAsAsync(HttpMethod.Put, "/api/v1/users/me/pinned-coo", ada.Tokens.AccessToken, new { cooId = coo.Id })).Dispose();
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "grace");
        await page.GotoAsync("/@ada");
        var pinned = page.GetByRole(AriaRole.List, new() { Name = "Pinned" }).GetByRole(AriaRole.Article);
        var listed = page.GetByRole(AriaRole.List, new() { Name = "Coos by ada" }).GetByRole(AriaRole.Article);

        await ToggleReactionAsync(pinned, "Like");

        await VerifyAsync(page, async () =>
        {
            await ExpectReactionAsync(pinned, "Like", pressed: true, "1", "1 like");
            await ExpectReactionAsync(listed, "Like", pressed: true, "1", "1 like");
            await ExpectReactionAsync(listed, "Repost", pressed: false, "0", "0 reposts");
        });
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task A_like_shows_at_once_and_is_taken_back_with_the_reason_when_the_server_refuses_it()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, AdasCoo);
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "grace");
        await page.GotoAsync("/@ada");
        var article = CooArticle(page, AdasCoo);

        // The like reaches the server only after Ada deleted her coo, so the server refuses it.
        var deleted = new TaskCompletionSource();
        await page.RouteAsync("**/api/v1/coos/*/like", async route =>
        {
            await deleted.Task;
            await route.ContinueAsync();
        });
        await ReactionButton(article, "Like").ClickAsync();
        await VerifyAsync(page, () => ExpectReactionAsync(article, "Like", pressed: true, "1", "1 like"));

        (await api.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{coo.Id}", ada.Tokens.AccessToken)).Dispose();
        deleted.SetResult();
        await VerifyAsync(page, async () =>
        {
            await ExpectReactionAsync(article, "Like", pressed: false, "0", "0 likes");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No coo has that id.");
        });
    }

    [Fact]
    public async Task A_double_click_likes_and_takes_the_like_back_one_request_after_the_other()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        var coo = await api.PostCooOkAsync(ada, AdasCoo);
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(page, "grace");
        await page.GotoAsync("/@ada");
        var article = CooArticle(page, AdasCoo);
        await Expect(ReactionButton(article, "Like")).ToBeVisibleAsync();

        var sent = new List<string>();
        var inFlight = 0;
        var mostInFlight = 0;
        static bool IsLike(IRequest request) => new Uri(request.Url).AbsolutePath.EndsWith("/like", StringComparison.Ordinal);
        page.Request += (_, request) =>
        {
            if (IsLike(request))
            {
                lock (sent)
                {
                    sent.Add(request.Method);
                    mostInFlight = Math.Max(mostInFlight, ++inFlight);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (IsLike(response.Request))
            {
                lock (sent)
                {
                    inFlight--;
                }
            }
        };
        var undone = page.WaitForResponseAsync(response => response.Request.Method == "DELETE" && IsLike(response.Request));

        await ReactionButton(article, "Like").DblClickAsync();
        await undone;

        await VerifyAsync(page, () => ExpectReactionAsync(article, "Like", pressed: false, "0", "0 likes"));
        lock (sent)
        {
            Assert.Equal(["PUT", "DELETE"], sent);
            Assert.Equal(1, mostInFlight);
        }

        Assert.False((await api.ReactedCooAsync(coo.Id, grace)).LikedByYou);
        AssertNoConsoleErrors(page);
    }
}
