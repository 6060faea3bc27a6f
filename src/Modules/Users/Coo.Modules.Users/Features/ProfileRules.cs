using Coo.Shared.Kernel;
using FluentValidation;

namespace Coo.Modules.Users.Features;

/// <summary>Rules shared by registration and profile edits, on text already cleaned by <see cref="UserText.Clean"/>.</summary>
internal static class ProfileRules
{
    public const int DisplayNameMaxLength = 50;
    public const int BioMaxLength = 160;

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) => rule
        .Must(name => UserText.PerceivedLength(name) <= DisplayNameMaxLength && name.Length <= DisplayNameMaxLength * 4)
        .WithMessage($"The display name must be at most {DisplayNameMaxLength} characters.")
        .Must(name => !UserText.HasControlCharacters(name, allowLineBreaks: false))
        .WithMessage("The display name must not contain control characters.");

    public static IRuleBuilderOptions<T, string> ValidBio<T>(this IRuleBuilder<T, string> rule) => rule
        .Must(bio => UserText.PerceivedLength(bio) <= BioMaxLength && bio.Length <= BioMaxLength * 4)
        .WithMessage($"The bio must be at most {BioMaxLength} characters.")
        .Must(bio => !UserText.HasControlCharacters(bio, allowLineBreaks: true))
        .WithMessage("The bio must not contain control characters.");
}
