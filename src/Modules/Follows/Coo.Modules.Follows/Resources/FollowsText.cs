namespace Coo.Modules.Follows.Resources;

/// <summary>
/// The Follows module's error messages, under their error codes, in FollowsText.resx (English) and
/// FollowsText.de.resx (German); read through <c>IStringLocalizer&lt;FollowsText&gt;</c>.
/// </summary>
internal sealed class FollowsText;
