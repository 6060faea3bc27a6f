using System.ComponentModel.DataAnnotations;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>Settings of section <c>Admin</c>, which grants nothing any more: it is read only to refuse it.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";

    /// <summary>
    /// Usernames named here once made whoever registered them first an administrator. Saying so at start beats a
    /// setting that silently grants nothing.
    /// </summary>
    public string[] Usernames { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Usernames.Length > 0)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Usernames)} is no longer read: make an existing account an administrator with 'Coo.Host admin grant <username>' (see README, Security).");
        }
    }
}
