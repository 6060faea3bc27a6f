namespace Coo.Modules.Coos.Resources;

/// <summary>
/// The Coos module's texts (validation messages, and error messages under their error codes), in CoosText.resx
/// (English) and CoosText.de.resx (German); read through <c>IStringLocalizer&lt;CoosText&gt;</c>.
/// </summary>
internal sealed class CoosText;
