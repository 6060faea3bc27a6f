using Microsoft.Playwright;

namespace Coo.IntegrationTests.Browser;

/// <summary>Debian's Chromium, driven by Playwright; Playwright's own browser downloads are never used.</summary>
public static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("COO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>
    /// No sandbox (CI runs as root in a container), no GPU, and none of the background traffic (updates, sync,
    /// safe browsing lists) that would reach the internet or blur the network measurements.
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!IsInstalled)
        {
            throw new FileNotFoundException(
                $"No Chromium at {ExecutablePath}: apt-get install chromium, or point COO_CHROMIUM at one.", ExecutablePath);
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
