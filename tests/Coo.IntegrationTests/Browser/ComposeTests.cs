using System.Globalization;
using System.Text.Json;
using Coo.IntegrationTests.Infrastructure;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Domain;
using Coo.Shared.Kernel;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ComposeTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string WavingHandWithSkinTone = "👋🏽";

    [Fact]
    public async Task A_coo_over_280_characters_cannot_be_sent_and_the_counter_counts_like_the_server()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");

        await Compose(page).FillAsync(new string('a', 281));
        await VerifyAsync(page, async () =>
        {
            await Expect(Counter(page)).ToHaveTextAsync("-1");
            await Expect(PostButton(page)).ToBeDisabledAsync();
        });
        await Compose(page).PressAsync("Control+Enter");
        await ScreenshotAsync(page, "compose-too-long");

        // An emoji with a skin tone is 4 UTF-16 code units but one character, for the counter as for the server.
        var longest = string.Concat(Enumerable.Repeat(WavingHandWithSkinTone, 280));
        await Compose(page).FillAsync(longest + WavingHandWithSkinTone);
        await VerifyAsync(page, () => Expect(PostButton(page)).ToBeDisabledAsync());
        await Compose(page).FillAsync(longest);
        await VerifyAsync(page, async () =>
        {
            await Expect(Counter(page)).ToHaveTextAsync("0");
            await Expect(PostButton(page)).ToBeEnabledAsync();
        });
        await PostButton(page).ClickAsync();
        await VerifyAsync(page, () => Expect(CooArticles(page)).ToHaveCountAsync(1));

        using var api = Host.Api.CreateClient();
        using var coos = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/users/ada/coos", UriKind.Relative)));
        Assert.Equal([longest], coos.RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task A_link_counts_as_the_server_counts_it_however_long_it_is()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");
        var text = new string('a', 280 - CooLimits.CharactersPerUrl - 1) + " https://example.org/" + new string('p', 200);

        await Compose(page).FillAsync(text + "a");
        await VerifyAsync(page, () => Expect(Counter(page)).ToHaveTextAsync("0"));
        await Compose(page).FillAsync("a" + text);
        await VerifyAsync(page, async () =>
        {
            await Expect(Counter(page)).ToHaveTextAsync("-1");
            await Expect(PostButton(page)).ToBeDisabledAsync();
        });
        await Compose(page).FillAsync(text);
        await PostButton(page).ClickAsync();
        await VerifyAsync(page, () => Expect(CooArticles(page)).ToHaveCountAsync(1));

        // Texts that mix links with what may look like them (mentions, hashtags, e-mail addresses, brackets, marks,
        // white space of every kind): the page's count of each is the server code's (CooLength, after UserText.Clean).
        string[] pieces = ["http://", "https://", "HTTPS://", "hTtP://", "a", "é", "e\u0301", "\u0301", "👍🏽", "𝐀", "İ", "ſ", " ", "\n", "\t",
            "\u00A0", "\u3000", "\u2028", "\u0085", "\uFEFF", ".", ",", "'", "!", "?", ":", ";", "(", ")", "[", "]", "@", "#", "&", "/",
            "_", "x.y", "ada", "१२", "\"", "<", new string('İ', 51), new string('b', 16), new string(')', 30)];
        var random = new Random(2026);
        // Only texts the server takes: it refuses the others whatever their length (a tab, U+0085 inside the text).
        var texts = Enumerable.Range(0, 600)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pieces[random.Next(pieces.Length)])))
            .Where(text => UserText.IsAcceptable(UserText.Clean(text), allowLineBreaks: true))
            .ToArray();
        var counted = await page.EvaluateAsync<int[]>(
            """
            async ([texts, limits]) => {
              const { measure } = await import('/js/text.js');
              const { lengthWithLinks } = await import('/js/links.js');
              const counting = { ...limits, lengthOf: text => lengthWithLinks(text, limits.charactersPerUrl) };
              return texts.map(text => measure(text, counting).length);
            }
            """,
            new object[] { texts, new { maxLength = CooLimits.MaxLength, maxCodeUnits = Modules.Coos.Domain.Coo.MaxCodeUnits, charactersPerUrl = CooLimits.CharactersPerUrl } });
        Assert.All(texts.Zip(counted), pair => Assert.True(
            CooLength.Of(UserText.Clean(pair.First)) == pair.Second,
            $"\"{pair.First}\": the server counts {CooLength.Of(UserText.Clean(pair.First))}, the page {pair.Second}"));
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task A_refused_post_asks_the_person_to_slow_down_for_the_seconds_the_server_gave()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");

        // The server's limits are proven by the API tests; here the client meets a 429 as the server sends it.
        await page.RouteAsync("**/api/v1/coos", route => route.FulfillAsync(new()
        {
            Status = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "42" },
            ContentType = "application/problem+json",
            Body = """{"type":"urn:coo:problem:rate-limited","title":"Too many requests","status":429}""",
        }));
        await Compose(page).FillAsync("Too fast");
        await PostButton(page).ClickAsync();

        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Slow down" }))
                .ToHaveTextAsync("Slow down: try again in 42 seconds.");
            await Expect(Compose(page)).ToHaveValueAsync("Too fast");
        });
        await ScreenshotAsync(page, "compose-slow-down");
    }

    [Fact]
    public async Task Posting_and_cancelling_a_delete_work_with_the_keyboard_alone()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");

        await TabUntilAsync(page, "textarea");
        await page.Keyboard.TypeAsync("Typed without a mouse");
        await page.Keyboard.PressAsync("Control+Enter");
        await VerifyAsync(page, () => Expect(CooArticle(page, "Typed without a mouse")).ToBeVisibleAsync());

        await TabUntilAsync(page, "article .coo-actions button");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await VerifyAsync(page, async () =>
        {
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        });
        await page.Keyboard.PressAsync("Escape");
        await VerifyAsync(page, async () =>
        {
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(CooArticle(page, "Typed without a mouse")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_coo_shows_a_relative_time_and_the_exact_local_time_on_hover()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");
        await PostAsync(page, "What time is it?");

        var time = CooArticle(page, "What time is it?").Locator("time");
        await VerifyAsync(page, () => Expect(time).ToHaveTextAsync("now"));
        var postedAt = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
        var berlin = TimeZoneInfo.ConvertTime(postedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var title = (await time.GetAttributeAsync("title") ?? "").Replace('\u202f', ' ');
        Assert.Contains(berlin.ToString("h:mm", CultureInfo.InvariantCulture), title, StringComparison.Ordinal);
        Assert.Contains(berlin.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US")), title, StringComparison.Ordinal);
    }
}
