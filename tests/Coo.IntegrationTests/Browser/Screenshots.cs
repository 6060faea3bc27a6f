using Microsoft.Playwright;

namespace Coo.IntegrationTests.Browser;

/// <summary>Full-page PNGs in <c>COO_SCREENSHOTS</c>, by default <c>artifacts/screenshots/</c> (ignored by git).</summary>
public static class Screenshots
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("COO_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    /// <summary>Writes <c>&lt;name&gt;.png</c> and returns its path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var fileName = new string([.. name.Select(c => invalid.Contains(c) ? '_' : c)]) + ".png";
        var path = Path.Combine(Folder, fileName);
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
