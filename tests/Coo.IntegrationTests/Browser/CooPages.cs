using Coo.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>What a person does in the web client, by the names a screen reader would use (labels, roles).</summary>
public static class CooPages
{
    public const string ComposeLabel = "What’s happening?";

    /// <summary>
    /// Signing up or in hashes a password, slow by design: with the test run's other work on two cores it has taken
    /// more than the usual five seconds.
    /// </summary>
    private const float PasswordCheckTimeout = 20_000;

    public static async Task SignUpAsync(IPage page, string username, string? displayName = null)
    {
        await page.GotoAsync("/signup");
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(username);
        if (displayName is not null)
        {
            await page.GetByLabel("Display name").FillAsync(displayName);
        }

        await page.GetByLabel("E-mail").FillAsync($"{username}@example.com");
        await page.GetByLabel("Password").FillAsync(ApiClientExtensions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(HomeHeading(page)).ToBeVisibleAsync(new() { Timeout = PasswordCheckTimeout });
    }

    public static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(ApiClientExtensions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(HomeHeading(page)).ToBeVisibleAsync(new() { Timeout = PasswordCheckTimeout });
    }

    private static ILocator HomeHeading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Name = "Home", Level = 1 });

    public static ILocator Compose(IPage page) => page.GetByLabel(ComposeLabel);

    public static ILocator PostButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Coo", Exact = true });

    public static ILocator Counter(IPage page) => page.Locator(".compose .counter");

    public static async Task PostAsync(IPage page, string text)
    {
        await Compose(page).FillAsync(text);
        await PostButton(page).ClickAsync();
        await Expect(CooArticle(page, text)).ToBeVisibleAsync();
    }

    /// <summary>The coos on the page, each an article named after its author.</summary>
    public static ILocator CooArticles(IPage page) => page.GetByRole(AriaRole.Article);

    public static ILocator CooArticle(IPage page, string text) => CooArticles(page).Filter(new() { HasText = text });

    /// <summary>A coo's like or repost toggle, by its name ("Like", "Repost").</summary>
    public static ILocator ReactionButton(ILocator coo, string name) => coo.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Clicks a reaction toggle and waits for the server's answer, which the button shows at once.</summary>
    public static async Task ToggleReactionAsync(ILocator coo, string name)
    {
        var path = $"/{name.ToLowerInvariant()}";
        await coo.Page.RunAndWaitForResponseAsync(
            () => ReactionButton(coo, name).ClickAsync(),
            response => response.Request.Method is "PUT" or "DELETE" && new Uri(response.Url).AbsolutePath.EndsWith(path, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the toggle is pressed, the count it shows, and how a screen reader describes that count, e.g.
    /// <c>ExpectReactionAsync(coo, "Like", pressed: true, "1", "1 like")</c>.
    /// </summary>
    public static async Task ExpectReactionAsync(ILocator coo, string name, bool pressed, string shown, string described)
    {
        var button = ReactionButton(coo, name);
        await Expect(button).ToHaveAttributeAsync("aria-pressed", pressed ? "true" : "false");
        await Expect(button.Locator("[aria-hidden=true]")).ToHaveTextAsync(shown);
        await Expect(button).ToHaveAccessibleDescriptionAsync(described);
    }

    /// <summary>Presses Tab until the focused element matches the selector (at most 30 times).</summary>
    public static async Task TabUntilAsync(IPage page, string selector)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) ?? false", selector))
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached {selector}.");
    }
}
