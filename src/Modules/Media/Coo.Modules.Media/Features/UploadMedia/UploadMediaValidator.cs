using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Resources;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Media.Features.UploadMedia;

internal sealed class UploadMediaValidator : AbstractValidator<Contracts.UploadMedia>
{
    public UploadMediaValidator(IStringLocalizer<MediaText> messages)
    {
        RuleFor(c => c.Content).IsImageUpload(messages);
        RuleFor(c => UserText.Clean(c.Description))
            .NotEmpty().WithMessage(_ => messages["DescriptionRequired"].Value)
            .Must(text => UserText.IsAcceptable(text, allowLineBreaks: true)).WithMessage(_ => messages["DescriptionCharacters"].Value)
            .Must(text => text.Length <= MediaItem.MaxDescriptionLength)
            .WithMessage(_ => messages["DescriptionTooLong", MediaItem.MaxDescriptionLength].Value)
            .OverridePropertyName("description");
    }
}
