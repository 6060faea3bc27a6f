using Coo.Shared.Kernel;
using FluentValidation;

namespace Coo.Modules.Users.Features.RegisterUser;

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public const int PasswordMinLength = 10;
    public const int PasswordMaxLength = 128;

    public RegisterUserValidator()
    {
        RuleFor(c => c.Username)
            .NotEmpty().WithMessage("A username is required.")
            .Length(3, 15).WithMessage("The username must be 3 to 15 characters.")
            .Matches("^[A-Za-z0-9_]*$").WithMessage("The username may contain only letters A-Z, digits and underscores.");
        RuleFor(c => c.Email)
            .NotEmpty().WithMessage("An e-mail address is required.")
            .MaximumLength(254).WithMessage("The e-mail address is too long.")
            .EmailAddress().WithMessage("That is not a valid e-mail address.");
        RuleFor(c => c.Password)
            .NotEmpty().WithMessage("A password is required.")
            .MinimumLength(PasswordMinLength).WithMessage($"The password must be at least {PasswordMinLength} characters.")
            .MaximumLength(PasswordMaxLength).WithMessage($"The password must be at most {PasswordMaxLength} characters.")
            .Must(p => !CommonPasswords.Contains(p)).WithMessage("That password is too common; choose another.");
        RuleFor(c => UserText.Clean(c.DisplayName)).ValidDisplayName().OverridePropertyName(nameof(RegisterUser.DisplayName));
    }
}
