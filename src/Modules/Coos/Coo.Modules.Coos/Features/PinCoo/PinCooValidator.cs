using Coo.Modules.Coos.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Coos.Features.PinCoo;

internal sealed class PinCooValidator : AbstractValidator<PinCoo>
{
    public PinCooValidator(IStringLocalizer<CoosText> messages) =>
        RuleFor(c => c.CooId).GreaterThan(0).WithMessage(_ => messages["CooIdRequired"].Value);
}
