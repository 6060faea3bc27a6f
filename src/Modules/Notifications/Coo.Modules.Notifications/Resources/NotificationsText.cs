namespace Coo.Modules.Notifications.Resources;

/// <summary>
/// The Notifications module's error messages, under their error codes, in NotificationsText.resx (English) and
/// NotificationsText.de.resx (German); read through <c>IStringLocalizer&lt;NotificationsText&gt;</c>.
/// </summary>
internal sealed class NotificationsText;
