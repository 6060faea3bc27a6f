using Coo.Modules.Users.Resources;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features.SignIn;

internal sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator(IStringLocalizer<UsersText> messages)
    {
        // A password is only compared with its hash, so any text is merely wrong; a login name is looked up, so text
        // no account can have is refused before it reaches the database (PostgreSQL refuses NUL, for one).
        RuleFor(c => c.Username).NotEmpty().WithMessage(_ => messages["UsernameOrEmailRequired"].Value).MaximumLength(254)
            .Must(login => UserText.IsAcceptable(login, allowLineBreaks: false)).WithMessage(_ => messages["UsernameOrEmailCharacters"].Value);
        RuleFor(c => c.Password).NotEmpty().WithMessage(_ => messages["PasswordRequired"].Value).MaximumLength(128);
    }
}
