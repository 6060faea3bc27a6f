using Coo.Modules.Users.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features.RefreshSession;

internal sealed class RefreshSessionValidator : AbstractValidator<RefreshSession>
{
    public RefreshSessionValidator(IStringLocalizer<UsersText> messages) =>
        RuleFor(c => c.RefreshToken).NotEmpty().WithMessage(_ => messages["RefreshTokenRequired"].Value).MaximumLength(200);
}
