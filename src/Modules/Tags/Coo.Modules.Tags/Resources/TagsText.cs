namespace Coo.Modules.Tags.Resources;

/// <summary>
/// The Tags module's error messages, under their error codes, in TagsText.resx (English) and
/// TagsText.de.resx (German); read through <c>IStringLocalizer&lt;TagsText&gt;</c>.
/// </summary>
internal sealed class TagsText;
