using FluentValidation;

namespace Coo.Modules.Users.Features.SignOut;

internal sealed class SignOutValidator : AbstractValidator<SignOut>
{
    public SignOutValidator() =>
        RuleFor(c => c.RefreshToken).NotEmpty().WithMessage("A refresh token is required.").MaximumLength(200);
}
