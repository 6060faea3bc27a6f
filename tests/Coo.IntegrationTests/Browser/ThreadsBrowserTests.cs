using System.Text.RegularExpressions;
using Coo.IntegrationTests.Coos;
using Coo.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// Replies and threads: a reply button on every coo opens a composer that shows the coo replied to, replies say whom
/// they answer and lead to their thread, and a thread page shows a conversation in order, deleted coos as placeholders.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ThreadsBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string AdasCoo = "Shall we talk about engines?";
    private const string GracesReply = "Gladly: which kind?";
    private const string AdasReply = "Analytical ones, of course";

    [Fact]
    public async Task Two_people_converse_in_a_thread_and_like_each_others_replies_seeing_the_counts()
    {
        using var api = Host.Api.CreateClient();
        (await api.RegisterAsync("ada", displayName: "Ada Lovelace")).Dispose();
        (await api.RegisterAsync("grace", displayName: "Grace Hopper")).Dispose();
        var ada = await (await NewSessionAsync()).NewPageAsync();
        var grace = await (await NewSessionAsync()).NewPageAsync();
        await SignInAsync(ada, "ada");
        await PostAsync(ada, AdasCoo);
        await SignInAsync(grace, "grace");

        // Grace replies from Ada's profile: the composer shows what she answers.
        await grace.GotoAsync("/@ada");
        var dialog = await OpenReplyAsync(CooArticle(grace, AdasCoo), "Reply to Ada Lovelace");
        await VerifyAsync(grace, () => Expect(dialog.Locator("blockquote")).ToContainTextAsync(AdasCoo));
        await AssertAccessibleAsync(grace, "reply-dialog");
        await ScreenshotAsync(grace, "reply-dialog");
        await SendReplyAsync(dialog, GracesReply);
        await VerifyAsync(grace, async () =>
        {
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(ReactionButton(CooArticle(grace, AdasCoo), "Reply")).ToBeFocusedAsync();
            await ExpectRepliesAsync(CooArticle(grace, AdasCoo), "1", "1 reply");
        });

        // Her reply on her home timeline says whom it answers and leads to its thread.
        await grace.GotoAsync("/");
        await CooArticle(grace, GracesReply).GetByRole(AriaRole.Link, new() { Name = "Replying to @ada" }).ClickAsync();
        await VerifyAsync(grace, async () =>
        {
            await Expect(grace).ToHaveURLAsync(ThreadUrl());
            await Expect(grace).ToHaveTitleAsync("Conversation · Coo");
            await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = "Conversation", Level = 1 })).ToBeFocusedAsync();
            await Expect(Thread(grace).GetByRole(AriaRole.Article)).ToHaveCountAsync(2);
            await Expect(Thread(grace).Locator("li[aria-current=true]")).ToContainTextAsync(GracesReply);
        });
        var gracesReplyId = grace.Url[(grace.Url.LastIndexOf('/') + 1)..];

        // Ada opens her coo's conversation by its time, likes Grace's reply and answers it.
        await ada.GotoAsync("/@ada");
        await CooArticle(ada, AdasCoo).GetByRole(AriaRole.Link, new() { NameRegex = ShowConversation() }).ClickAsync();
        await VerifyAsync(ada, () => Expect(Thread(ada).GetByRole(AriaRole.Article)).ToHaveCountAsync(2));
        await ToggleReactionAsync(CooArticle(ada, GracesReply), "Like");
        await SendReplyAsync(await OpenReplyAsync(CooArticle(ada, GracesReply), "Reply to Grace Hopper"), AdasReply);
        await VerifyAsync(ada, async () =>
        {
            await Expect(Thread(ada).GetByRole(AriaRole.Article)).ToHaveTextAsync([new Regex(AdasCoo), new Regex(GracesReply), new Regex(AdasReply)]);
            await Expect(CooArticle(ada, AdasReply).GetByRole(AriaRole.Link, new() { NameRegex = ShowConversation() })).ToBeFocusedAsync();
            await ExpectReactionAsync(CooArticle(ada, GracesReply), "Like", pressed: true, "1", "1 like");
        });

        // Grace sees Ada's answer below her reply, with Ada's like, and likes it back.
        await api.RepliesCountBecomesAsync(gracesReplyId, 1);
        await grace.ReloadAsync();
        await VerifyAsync(grace, async () =>
        {
            await Expect(Thread(grace).GetByRole(AriaRole.Article)).ToHaveTextAsync([new Regex(AdasCoo), new Regex(GracesReply), new Regex(AdasReply)]);
            await ExpectReactionAsync(CooArticle(grace, GracesReply), "Like", pressed: false, "1", "1 like");
            await ExpectRepliesAsync(CooArticle(grace, GracesReply), "1", "1 reply");
            await Expect(CooArticle(grace, AdasReply)).ToContainTextAsync("Replying to @grace");
        });
        await ToggleReactionAsync(CooArticle(grace, AdasReply), "Like");
        await AssertAccessibleAsync(grace, "thread");
        await ScreenshotAsync(grace, "thread");
        await grace.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await AssertAccessibleAsync(grace, "thread-dark");

        await ada.ReloadAsync();
        await VerifyAsync(ada, async () =>
        {
            await ExpectReactionAsync(CooArticle(ada, AdasReply), "Like", pressed: false, "1", "1 like");
            await ExpectReactionAsync(CooArticle(ada, GracesReply), "Like", pressed: true, "1", "1 like");
            await ExpectRepliesAsync(CooArticle(ada, AdasCoo), "1", "1 reply");
        });
        AssertNoConsoleErrors(ada);
        AssertNoConsoleErrors(grace);
    }

    [Fact]
    public async Task A_visitor_reads_a_long_thread_in_german_with_a_placeholder_for_a_deleted_coo_and_loads_the_rest()
    {
        using var api = Host.Api.CreateClient();
        var ada = await api.CreateUserAsync("ada");
        var grace = await api.CreateUserAsync("grace");
        var root = await api.PostCooOkAsync(ada, "Ein langer Faden");
        var gone = await api.ReplyOkAsync(grace, root.Id, "Bald gelöscht");
        await api.ReplyOkAsync(ada, gone.Id, "Die Antwort bleibt");
        for (var i = 1; i <= 55; i++)
        {
            await api.ReplyOkAsync(i % 2 == 0 ? ada : grace, root.Id, $"Antwort {i}");
        }

        (await api.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{gone.Id}", grace.Tokens.AccessToken)).Dispose();
        await api.RepliesCountBecomesAsync(root.Id, 55);

        var visitor = await OpenAsync($"/@ada/coo/{root.Id}", BrowserOptions.Desktop with { Locale = "de-DE" });
        var thread = visitor.GetByRole(AriaRole.List, new() { Name = "Coos der Unterhaltung" });
        await VerifyAsync(visitor, async () =>
        {
            await Expect(thread.GetByRole(AriaRole.Listitem).Nth(1)).ToHaveTextAsync("Dieser Coo wurde gelöscht.");
            await Expect(CooArticle(visitor, "Die Antwort bleibt")).ToContainTextAsync("Antwort an @grace");
            await Expect(CooArticle(visitor, "Ein langer Faden")).ToContainTextAsync("55 Antworten");
            await Expect(thread.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        });
        await AssertAccessibleAsync(visitor, "thread-visitor");

        // Reading down to the end loads the rest (the "Mehr laden" button is there for keyboards, and would race the scroll).
        await thread.GetByRole(AriaRole.Listitem).Last.ScrollIntoViewIfNeededAsync();
        await VerifyAsync(visitor, async () =>
        {
            await Expect(thread.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(58);
            await Expect(thread.GetByRole(AriaRole.Listitem).Last).ToContainTextAsync("Antwort 55");
            await Expect(visitor.GetByRole(AriaRole.Button, new() { Name = "Mehr laden" })).ToBeHiddenAsync();
        });
        AssertNoConsoleErrors(visitor);
    }

    private static ILocator Thread(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Coos of the conversation" });

    private static async Task<ILocator> OpenReplyAsync(ILocator coo, string dialogName)
    {
        await ReactionButton(coo, "Reply").ClickAsync();
        var dialog = coo.Page.GetByRole(AriaRole.Dialog, new() { Name = dialogName });
        await Expect(dialog.GetByLabel("Your reply")).ToBeFocusedAsync();
        return dialog;
    }

    private static async Task SendReplyAsync(ILocator dialog, string text)
    {
        await dialog.GetByLabel("Your reply").FillAsync(text);
        await dialog.Page.RunAndWaitForResponseAsync(
            () => dialog.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/v1/coos");
    }

    private static async Task ExpectRepliesAsync(ILocator coo, string shown, string described)
    {
        var button = ReactionButton(coo, "Reply");
        await Expect(button.Locator("[aria-hidden=true]")).ToHaveTextAsync(shown);
        await Expect(button).ToHaveAccessibleDescriptionAsync(described);
    }

    [GeneratedRegex(@"/@grace/coo/\d+$")]
    private static partial Regex ThreadUrl();

    [GeneratedRegex("show the conversation$")]
    private static partial Regex ShowConversation();
}
