using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Domain;
using Coo.Modules.Coos.Resources;
using Coo.Modules.Media.Contracts;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Coos.Features.PostCoo;

internal sealed class PostCooValidator : AbstractValidator<Contracts.PostCoo>
{
    private const int IdempotencyKeyMaxLength = 100;

    public PostCooValidator(IStringLocalizer<CoosText> messages)
    {
        // Images may stand alone, as on Mastodon; otherwise a coo needs its text.
        RuleFor(c => UserText.Clean(c.Text))
            .NotEmpty().WithMessage(_ => messages["TextRequired"].Value).When(c => c.MediaIds is not { Count: > 0 }, ApplyConditionTo.CurrentValidator)
            .Must(text => UserText.IsAcceptable(text, allowLineBreaks: true)).WithMessage(_ => messages["TextCharacters"].Value)
            .Must(text => CooLength.Of(text) <= Domain.Coo.MaxLength)
            .WithMessage(_ => messages["TextTooLong", Domain.Coo.MaxLength, CooLimits.CharactersPerUrl].Value)
            .Must(text => text.Length <= Domain.Coo.MaxCodeUnits)
            .WithMessage(_ => messages["TextTooManyCodeUnits", Domain.Coo.MaxLength].Value)
            .OverridePropertyName(nameof(Contracts.PostCoo.Text));
        RuleFor(c => c.MediaIds)
            .Must(ids => ids is null || ids.Count <= MediaLimits.MaxPerCoo).WithMessage(_ => messages["MediaTooMany", MediaLimits.MaxPerCoo].Value)
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage(_ => messages["MediaRepeated"].Value);
        RuleFor(c => c.IdempotencyKey)
            .Length(1, IdempotencyKeyMaxLength).WithMessage(_ => messages["IdempotencyKeyLength", 1, IdempotencyKeyMaxLength].Value)
            .Matches(@"^[\x21-\x7E]*\z").WithMessage(_ => messages["IdempotencyKeyCharacters"].Value)
            .When(c => c.IdempotencyKey is not null);
    }
}
