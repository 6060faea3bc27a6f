namespace Coo.Modules.Users.Resources;

/// <summary>
/// The Users module's texts (validation messages, and error messages under their error codes), in UsersText.resx
/// (English) and UsersText.de.resx (German); read through <c>IStringLocalizer&lt;UsersText&gt;</c>.
/// </summary>
internal sealed class UsersText;
