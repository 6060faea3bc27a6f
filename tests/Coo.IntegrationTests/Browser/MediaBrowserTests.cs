using System.Text.Json;
using System.Text.RegularExpressions;
using Coo.IntegrationTests.Media;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Coo.IntegrationTests.Browser.CooPages;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MediaBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string AltText = "A green square, half see-through";

    [Fact]
    public async Task A_picture_posted_with_its_alt_text_shows_in_the_timeline_and_the_viewer_opens_and_closes_with_the_keyboard()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Add images" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "square.png", MimeType = "image/png", Buffer = TestImages.Png(900, 600) });
        var altText = page.GetByRole(AriaRole.Textbox, new() { Name = "Alt text" });
        await Compose(page).FillAsync("A picture of mine");
        await PostButton(page).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Image 1: square.png" })).ToBeVisibleAsync();
            await Expect(altText).ToBeFocusedAsync();
            await Expect(altText).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(altText).ToHaveAccessibleDescriptionAsync(
                "Describe the image for people who cannot see it. Describe the image: every image needs alt text.");
        });
        await AssertAccessibleAsync(page, "compose-image-without-alt-text");
        await ScreenshotAsync(page, "compose-image-without-alt-text");

        await page.Keyboard.TypeAsync(AltText);
        await page.Keyboard.PressAsync("Control+Enter");
        var coo = CooArticle(page, "A picture of mine");
        var link = coo.GetByRole(AriaRole.Link, new() { Name = AltText });
        await VerifyAsync(page, async () =>
        {
            await Expect(coo.GetByRole(AriaRole.Img, new() { Name = AltText })).ToHaveAttributeAsync("title", AltText);
            await Expect(altText).ToHaveCountAsync(0);
        });

        await TabUntilAsync(page, "article .coo-media a");
        await page.Keyboard.PressAsync("Enter");
        var viewer = page.GetByRole(AriaRole.Dialog, new() { Name = "Image" });
        var fullSize = viewer.GetByRole(AriaRole.Img, new() { Name = AltText });
        await VerifyAsync(page, async () =>
        {
            await Expect(viewer).ToContainTextAsync(AltText);
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
            await Expect(fullSize).ToHaveJSPropertyAsync("naturalWidth", 900);
        });
        await AssertAccessibleAsync(page, "image-viewer");
        await ScreenshotAsync(page, "image-viewer");

        await page.Keyboard.PressAsync("Escape");
        await VerifyAsync(page, async () =>
        {
            await Expect(viewer).ToHaveCountAsync(0);
            await Expect(link).ToBeFocusedAsync();
        });
        await AssertAccessibleAsync(page, "home-with-image");
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task A_picture_may_be_posted_without_text_as_the_server_allows()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");
        await VerifyAsync(page, () => Expect(PostButton(page)).ToBeDisabledAsync());

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Add images" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "square.png", MimeType = "image/png", Buffer = TestImages.Png(300, 200) });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Alt text" }).FillAsync(AltText);
        await VerifyAsync(page, () => Expect(PostButton(page)).ToBeEnabledAsync());
        await PostButton(page).ClickAsync();

        await VerifyAsync(page, async () =>
        {
            await Expect(CooArticles(page).GetByRole(AriaRole.Img, new() { Name = AltText })).ToBeVisibleAsync();
            await Expect(PostButton(page)).ToBeDisabledAsync();
        });
        using var api = Host.Api.CreateClient();
        using var coos = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/users/ada/coos", UriKind.Relative)));
        var coo = Assert.Single(coos.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("", coo.GetProperty("text").GetString());
        Assert.Single(coo.GetProperty("media").EnumerateArray());
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task A_profile_picture_uploaded_on_the_edit_profile_page_shows_beside_your_coos_and_removing_it_brings_back_the_generated_one()
    {
        var page = await (await NewSessionAsync()).NewPageAsync();
        await SignUpAsync(page, "ada");
        await PostAsync(page, "A face to the name");
        var coo = CooArticle(page, "A face to the name");
        var generated = await coo.Locator("img.avatar").GetAttributeAsync("src");
        Assert.Equal("/api/v1/media/default-avatars/", generated![..30]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit profile" }).ClickAsync();
        await page.GetByLabel("Choose a new picture").SetInputFilesAsync(
            new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestImages.Stripes(300, 100) });
        var current = page.GetByRole(AriaRole.Img, new() { Name = "Your profile picture" });
        await VerifyAsync(page, async () =>
        {
            await Expect(page.Locator("#announcer")).ToHaveTextAsync("Your new profile picture was saved.");
            await Expect(current).ToHaveAttributeAsync("src", new Regex("^/api/v1/media/files/[0-9a-f]{64}\\.png$"));
            await Expect(current).ToHaveJSPropertyAsync("naturalWidth", 400);
        });
        await AssertAccessibleAsync(page, "edit-profile-picture");
        await ScreenshotAsync(page, "edit-profile-picture");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        using var api = Host.Api.CreateClient();
        await Eventually.MatchAsync(
            () => api.GetStringAsync(new Uri("/api/v1/users/ada/coos", UriKind.Relative)),
            coos => !coos.Contains(generated, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "Ada's coos to show her new picture");
        var visitor = await OpenAsync("/@ada");
        await VerifyAsync(visitor, () => Expect(CooArticle(visitor, "A face to the name").Locator("img.avatar"))
            .ToHaveAttributeAsync("src", new Regex("^/api/v1/media/files/[0-9a-f]{64}\\.png$")));

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove picture" }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(page.Locator("#announcer")).ToHaveTextAsync("Your profile picture was removed.");
            await Expect(current).ToHaveAttributeAsync("src", new Regex("^/api/v1/media/default-avatars/[0-9]+-400\\.png$"));
        });
        AssertNoConsoleErrors(page);
    }
}
