using Coo.Modules.Users.Resources;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Users.Features.RegisterUser;

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 15;
    public const int PasswordMinLength = 10;
    public const int PasswordMaxLength = 128;

    public RegisterUserValidator(IStringLocalizer<UsersText> messages)
    {
        // Judged as stored: the handler trims both. A JSON null reaches here despite the annotations.
        RuleFor(c => (c.Username ?? "").Trim())
            .NotEmpty().WithMessage(_ => messages["UsernameRequired"].Value)
            .Length(UsernameMinLength, UsernameMaxLength).WithMessage(_ => messages["UsernameLength", UsernameMinLength, UsernameMaxLength].Value)
            .Matches(@"^[A-Za-z0-9_]*\z").WithMessage(_ => messages["UsernameCharacters"].Value)
            .OverridePropertyName(nameof(RegisterUser.Username));
        RuleFor(c => (c.Email ?? "").Trim())
            .NotEmpty().WithMessage(_ => messages["EmailRequired"].Value)
            .MaximumLength(254).WithMessage(_ => messages["EmailTooLong"].Value)
            .EmailAddress().WithMessage(_ => messages["EmailInvalid"].Value)
            .Must(email => UserText.IsAcceptable(email, allowLineBreaks: false)).WithMessage(_ => messages["EmailInvalid"].Value)
            .OverridePropertyName(nameof(RegisterUser.Email));
        RuleFor(c => c.Password)
            .NotEmpty().WithMessage(_ => messages["PasswordRequired"].Value)
            .MinimumLength(PasswordMinLength).WithMessage(_ => messages["PasswordTooShort", PasswordMinLength].Value)
            .MaximumLength(PasswordMaxLength).WithMessage(_ => messages["PasswordTooLong", PasswordMaxLength].Value)
            .Must(p => !CommonPasswords.Contains(p)).WithMessage(_ => messages["PasswordTooCommon"].Value)
            .Must(p => UserText.IsAcceptable(p, allowLineBreaks: false)).WithMessage(_ => messages["PasswordCharacters"].Value);
        RuleFor(c => UserText.Clean(c.DisplayName)).ValidDisplayName(messages).OverridePropertyName(nameof(RegisterUser.DisplayName));
    }
}
