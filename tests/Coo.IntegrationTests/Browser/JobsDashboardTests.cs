using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Coo.IntegrationTests.Browser;

/// <summary>An administrator reaches the jobs dashboard from the web client; nobody else is offered it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsDashboardTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_administrator_opens_the_jobs_dashboard_from_the_header_and_others_see_no_such_button()
    {
        var page = await OpenAsync("/");
        await CooPages.SignUpAsync(page, "boss");
        await VerifyAsync(page, () => Expect(page.GetByRole(AriaRole.Button, new() { Name = "Jobs" })).ToHaveCountAsync(0));

        // The operator grants the role; the session's next token (a reload refreshes it) carries it.
        await Host.Api.Services.SetAdminRoleAsync("boss");
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Jobs" }).ClickAsync();

        await VerifyAsync(page, async () =>
        {
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hangfire/?$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        });
    }
}
