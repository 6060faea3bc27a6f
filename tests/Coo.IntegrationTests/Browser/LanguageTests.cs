using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly BrowserOptions GermanBrowser = BrowserOptions.Desktop with { Locale = "de-DE" };

    [Fact]
    public async Task A_German_browser_gets_German_screens_and_German_validation_messages_next_to_the_fields()
    {
        var page = await OpenAsync("/", GermanBrowser);
        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen bei Coo" })).ToBeVisibleAsync());

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Registrieren" }).ClickAsync();
        await page.GetByLabel("Benutzername", new() { Exact = true }).FillAsync("x");
        await page.GetByLabel("E-Mail").FillAsync("not an address");
        await page.GetByLabel("Passwort").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrieren" }).ClickAsync();

        var username = page.GetByLabel("Benutzername", new() { Exact = true });
        await VerifyAsync(page, async () =>
        {
            await Expect(username).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#field-username-error")).ToHaveTextAsync("Der Benutzername muss 3 bis 15 Zeichen lang sein.");
            await Expect(page.Locator("#field-email-error")).ToHaveTextAsync("Das ist keine gültige E-Mail-Adresse.");
            await Expect(page.Locator("#field-password-error")).ToContainTextAsync("Das Passwort muss mindestens 10 Zeichen lang sein.");
            await Expect(username).ToBeFocusedAsync();
        });
        await AssertAccessibleAsync(page, "sign-up-errors-de");
        await ScreenshotAsync(page, "sign-up-errors-de");
    }

    [Fact]
    public async Task The_language_switch_changes_the_screen_at_once_and_is_remembered()
    {
        var page = await OpenAsync("/", GermanBrowser);
        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen bei Coo" })).ToBeVisibleAsync());

        await page.GetByLabel("Sprache").SelectOptionAsync("en");
        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Coo" })).ToBeVisibleAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        });

        await page.ReloadAsync();
        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Coo" })).ToBeVisibleAsync());
        AssertNoConsoleErrors(page);
    }
}
