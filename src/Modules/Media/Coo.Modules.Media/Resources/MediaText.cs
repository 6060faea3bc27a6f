namespace Coo.Modules.Media.Resources;

/// <summary>
/// The Media module's error and validation messages, under their codes, in MediaText.resx (English) and
/// MediaText.de.resx (German); read through <c>IStringLocalizer&lt;MediaText&gt;</c>.
/// </summary>
internal sealed class MediaText;
