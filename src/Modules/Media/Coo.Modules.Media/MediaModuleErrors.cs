using Coo.Shared.Kernel;

namespace Coo.Modules.Media;

/// <summary>Why an upload is refused (the errors of attaching are <c>MediaErrors</c> in the Contracts).</summary>
internal static class MediaModuleErrors
{
    public static readonly Error NotAnImage = new(
        "media.not-an-image", "The file is not an image Coo takes: JPEG, PNG, WebP or GIF, told by its content, not its name.", ErrorKind.Unprocessable);

    public static readonly Error Damaged = new("media.damaged", "The image is damaged or incomplete.", ErrorKind.Unprocessable);

    public static readonly Error TooManyPixels = new(
        "media.too-many-pixels", "The image has too many pixels: at most 40 megapixels.", ErrorKind.Unprocessable);

    /// <summary>Every decoding slot stayed busy (<c>Processing.DecodingSlots</c>): nothing was stored, and the same upload may be sent again.</summary>
    public static readonly Error Busy = Error.Unavailable(
        "media.busy", "Too many images are being processed right now. Send the image again in a few seconds.", TimeSpan.FromSeconds(5));
}
