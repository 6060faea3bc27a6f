using Coo.Modules.Users.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features.SignIn;

internal sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator(IStringLocalizer<UsersText> messages)
    {
        RuleFor(c => c.Username).NotEmpty().WithMessage(_ => messages["UsernameOrEmailRequired"].Value).MaximumLength(254);
        RuleFor(c => c.Password).NotEmpty().WithMessage(_ => messages["PasswordRequired"].Value).MaximumLength(128);
    }
}
