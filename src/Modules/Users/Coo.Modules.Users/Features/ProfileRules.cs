using Coo.Modules.Users.Resources;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features;

/// <summary>Rules shared by registration and profile edits, on text already cleaned by <see cref="UserText.Clean"/>.</summary>
internal static class ProfileRules
{
    public const int DisplayNameMaxLength = 50;
    public const int BioMaxLength = 160;

    /// <summary>UTF-16 units: four per perceived character, against one "character" stacked with hundreds of marks.</summary>
    public const int DisplayNameMaxCodeUnits = DisplayNameMaxLength * 4;
    public const int BioMaxCodeUnits = BioMaxLength * 4;

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<UsersText> messages) => rule
        .Must(name => UserText.PerceivedLength(name) <= DisplayNameMaxLength && name.Length <= DisplayNameMaxCodeUnits)
        .WithMessage(_ => messages["DisplayNameTooLong", DisplayNameMaxLength].Value)
        .Must(name => UserText.IsAcceptable(name, allowLineBreaks: false))
        .WithMessage(_ => messages["DisplayNameCharacters"].Value);

    public static IRuleBuilderOptions<T, string> ValidBio<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<UsersText> messages) => rule
        .Must(bio => UserText.PerceivedLength(bio) <= BioMaxLength && bio.Length <= BioMaxCodeUnits)
        .WithMessage(_ => messages["BioTooLong", BioMaxLength].Value)
        .Must(bio => UserText.IsAcceptable(bio, allowLineBreaks: true))
        .WithMessage(_ => messages["BioCharacters"].Value);
}
