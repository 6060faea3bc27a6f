using Coo.Modules.Coos.Contracts;
using Coo.Shared.Kernel;
using FluentValidation;

namespace Coo.Modules.Coos.Features.PostCoo;

internal sealed class PostCooValidator : AbstractValidator<Contracts.PostCoo>
{
    public PostCooValidator()
    {
        RuleFor(c => UserText.Clean(c.Text))
            .NotEmpty().WithMessage("A coo needs some text.")
            .Must(text => UserText.PerceivedLength(text) <= Domain.Coo.MaxLength)
            .WithMessage($"A coo must be at most {Domain.Coo.MaxLength} characters.")
            .Must(text => text.Length <= Domain.Coo.MaxCodeUnits)
            .WithMessage("A coo must be at most 280 characters; some of these characters are unusually long.")
            .OverridePropertyName(nameof(Contracts.PostCoo.Text));
        RuleFor(c => c.IdempotencyKey)
            .Length(1, 100).WithMessage("An Idempotency-Key must be 1 to 100 characters.")
            .Matches("^[\\x21-\\x7E]*$").WithMessage("An Idempotency-Key may contain only visible ASCII characters.")
            .When(c => c.IdempotencyKey is not null);
    }
}
