using FluentValidation;

namespace Coo.Modules.Users.Features.RefreshSession;

internal sealed class RefreshSessionValidator : AbstractValidator<RefreshSession>
{
    public RefreshSessionValidator() =>
        RuleFor(c => c.RefreshToken).NotEmpty().WithMessage("A refresh token is required.").MaximumLength(200);
}
