namespace Coo.Modules.Analytics.Resources;

/// <summary>
/// The Analytics module's validation messages, in AnalyticsText.resx (English) and AnalyticsText.de.resx (German);
/// read through <c>IStringLocalizer&lt;AnalyticsText&gt;</c>.
/// </summary>
internal sealed class AnalyticsText;
