using Coo.Modules.Media.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Media.Features.ChangeAvatar;

internal sealed class SetAvatarValidator : AbstractValidator<SetAvatar>
{
    public SetAvatarValidator(IStringLocalizer<MediaText> messages) => RuleFor(c => c.Content).IsImageUpload(messages);
}
