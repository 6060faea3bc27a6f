using Coo.Modules.Users.Resources;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

internal sealed class UpdateMyProfileValidator : AbstractValidator<UpdateMyProfile>
{
    public UpdateMyProfileValidator(IStringLocalizer<UsersText> messages)
    {
        RuleFor(c => UserText.Clean(c.DisplayName)).ValidDisplayName(messages)
            .OverridePropertyName(nameof(UpdateMyProfile.DisplayName)).When(c => c.DisplayName is not null);
        RuleFor(c => UserText.Clean(c.Bio)).ValidBio(messages)
            .OverridePropertyName(nameof(UpdateMyProfile.Bio)).When(c => c.Bio is not null);
    }
}
