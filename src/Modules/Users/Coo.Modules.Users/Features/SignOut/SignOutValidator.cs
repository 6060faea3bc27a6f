using Coo.Modules.Users.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features.SignOut;

internal sealed class SignOutValidator : AbstractValidator<SignOut>
{
    public SignOutValidator(IStringLocalizer<UsersText> messages) =>
        RuleFor(c => c.RefreshToken).NotEmpty().WithMessage(_ => messages["RefreshTokenRequired"].Value).MaximumLength(200);
}
