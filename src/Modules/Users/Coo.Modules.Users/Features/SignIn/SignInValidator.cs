using FluentValidation;

namespace Coo.Modules.Users.Features.SignIn;

internal sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(c => c.Username).NotEmpty().WithMessage("A username or e-mail address is required.").MaximumLength(254);
        RuleFor(c => c.Password).NotEmpty().WithMessage("A password is required.").MaximumLength(128);
    }
}
