using Coo.Shared.Kernel;
using FluentValidation;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

internal sealed class UpdateMyProfileValidator : AbstractValidator<UpdateMyProfile>
{
    public UpdateMyProfileValidator()
    {
        RuleFor(c => UserText.Clean(c.DisplayName)).ValidDisplayName()
            .OverridePropertyName(nameof(UpdateMyProfile.DisplayName)).When(c => c.DisplayName is not null);
        RuleFor(c => UserText.Clean(c.Bio)).ValidBio()
            .OverridePropertyName(nameof(UpdateMyProfile.Bio)).When(c => c.Bio is not null);
    }
}
