using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coo.IntegrationTests.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>The consent page an application's authorization request opens in the user's browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_visitor_signs_in_on_the_consent_page_authorizes_the_app_and_the_browser_takes_its_code_back_to_it()
    {
        // The code is redeemed at the address it was issued at, as the application would (tokens name their issuer).
        using var api = Host.CreateRawClient();
        await api.CreateUserAsync("ada");
        var callback = new Uri(Host.BaseAddress, "/app-callback").ToString();
        var app = await api.CreateAppAsync(scopes: "read write follow", redirectUri: callback);
        var page = await OpenAsync(AuthorizePath(app, callback, "read write:statuses"));

        await page.GetByLabel("Username or e-mail").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync(ApiClientExtensions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await VerifyAsync(page, async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Authorize Test client?", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(page.GetByText("It will act as @ada and may:")).ToBeVisibleAsync();
            await Expect(page.GetByText("read your profile, timelines, coos, followers and notifications")).ToBeVisibleAsync();
            await Expect(page.GetByText("write:statuses")).ToBeVisibleAsync();
        });
        await AssertAccessibleAsync(page, "consent");
        await ScreenshotAsync(page, "consent");
        AssertNoConsoleErrors(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal));

        var returned = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal("s-1", returned["state"].ToString());
        using var exchanged = await api.RequestTokenAsync(app, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = returned["code"].ToString(),
            ["redirect_uri"] = callback,
        });
        var token = await exchanged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(exchanged.StatusCode == HttpStatusCode.OK, token.ToString());
        Assert.Equal("read write:statuses", token.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task An_app_without_a_web_address_gets_its_code_shown_to_copy()
    {
        // The code is redeemed at the address it was issued at, as the application would (tokens name their issuer).
        using var api = Host.CreateRawClient();
        await api.CreateUserAsync("ada");
        var app = await api.CreateAppAsync();
        var session = await NewSessionAsync();
        var page = await session.NewPageAsync();
        await CooPages.SignInAsync(page, "ada");
        await page.GotoAsync(AuthorizePath(app, "urn:ietf:wg:oauth:2.0:oob", "read"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();

        var code = page.GetByRole(AriaRole.Status, new() { Name = "Authorization code" });
        await VerifyAsync(page, () => Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(".{20,}")));
        using var exchanged = await api.RequestTokenAsync(app, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = await code.InnerTextAsync(),
            ["redirect_uri"] = "urn:ietf:wg:oauth:2.0:oob",
        });
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task An_app_asking_for_force_login_lets_the_user_choose_another_account_than_the_one_signed_in()
    {
        using var api = Host.CreateRawClient();
        await api.CreateUserAsync("ada");
        await api.CreateUserAsync("grace");
        var app = await api.CreateAppAsync();
        var session = await NewSessionAsync();
        var page = await session.NewPageAsync();
        await CooPages.SignInAsync(page, "ada");
        var signInHeading = page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to authorize an application", Level = 1 });

        await page.GotoAsync(AuthorizePath(app, "urn:ietf:wg:oauth:2.0:oob", "read") + "&force_login=true");
        await VerifyAsync(page, () => Expect(signInHeading).ToBeVisibleAsync());
        await page.GetByLabel("Username or e-mail").FillAsync("grace");
        await page.GetByLabel("Password").FillAsync(ApiClientExtensions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await VerifyAsync(page, () => Expect(page.GetByText("It will act as @grace and may:")).ToBeVisibleAsync(new() { Timeout = 20_000 }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Use another account" }).ClickAsync();

        await VerifyAsync(page, () => Expect(signInHeading).ToBeVisibleAsync());
        AssertNoConsoleErrors(page);
    }

    private static string AuthorizePath(OAuthApp app, string redirectUri, string scope) =>
        QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = "s-1",
        });
}
