using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Media.Features;

/// <summary>What every image upload shares: the form's file read whole, and the rules it meets before it is decoded.</summary>
internal static class ImageUploads
{
    /// <summary>The image and, around it, the form's boundaries, headers and other fields.</summary>
    public const long BodyLimit = ImageSizes.MaxUploadBytes + (64 * 1024);

    /// <summary>The body limit bounds the file, so it fits in memory; the validator refuses what exceeds the image limit.</summary>
    public static async Task<byte[]?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The form field <c>file</c>: present and within <see cref="ImageSizes.MaxUploadBytes"/>.</summary>
    public static IRuleBuilderOptions<T, byte[]?> IsImageUpload<T>(this IRuleBuilder<T, byte[]?> rule, IStringLocalizer<MediaText> messages) =>
        rule.Must(content => content is { Length: > 0 }).WithMessage(_ => messages["FileRequired"].Value)
            .Must(content => content is null || content.Length <= ImageSizes.MaxUploadBytes)
            .WithMessage(_ => messages["FileTooLarge", ImageSizes.MaxUploadBytes / (1024 * 1024)].Value)
            .OverridePropertyName("file");
}
