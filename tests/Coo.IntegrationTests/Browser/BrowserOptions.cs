using Microsoft.Playwright;

namespace Coo.IntegrationTests.Browser;

/// <summary>How a browser context looks to the page: screen, locale and time zone, fixed so screenshots are stable.</summary>
public sealed record BrowserOptions
{
    public static BrowserOptions Desktop { get; } = new();

    /// <summary>A phone-sized touch screen that honours the page's viewport meta tag.</summary>
    public static BrowserOptions Phone { get; } = new() { Width = 390, Height = 844, IsMobile = true };

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 800;

    public bool IsMobile { get; init; }

    /// <summary>Also the <c>Accept-Language</c> header and <c>navigator.language</c>, e.g. "de-DE".</summary>
    public string Locale { get; init; } = "en-US";

    public string TimezoneId { get; init; } = "Europe/Berlin";

    internal BrowserNewContextOptions ToContextOptions(Uri baseAddress) => new()
    {
        BaseURL = baseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = Width, Height = Height },
        IsMobile = IsMobile,
        HasTouch = IsMobile,
        Locale = Locale,
        TimezoneId = TimezoneId,
    };
}
