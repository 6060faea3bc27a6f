using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Contracts;

/// <summary>
/// Claims the author's uploads <paramref name="MediaIds"/> for the coo <paramref name="CooId"/>, in that order, before
/// the coo is written: all of them or none. Claiming again for the same coo is allowed (a retried post); an upload
/// that is not the owner's, unknown, or claimed by another coo fails the whole claim. The claim counts once Coos'
/// <c>coos.coo-posted.v1</c> for that coo arrives; a post that fails sends <see cref="ReleaseMedia"/>.
/// </summary>
public sealed record AttachMedia(long OwnerId, long CooId, IReadOnlyList<long> MediaIds) : ICommand<Result<IReadOnlyList<MediaAttachment>>>;

/// <summary>Gives back the uploads claimed for a coo that was not posted after all, so that they can be used again.</summary>
public sealed record ReleaseMedia(long CooId) : ICommand;

/// <summary>
/// An image ready to show: <see cref="Url"/> is the re-encoded original, <see cref="PreviewUrl"/> the size for timelines;
/// both are content-addressed, so they never change. The sizes let clients reserve the space before loading.
/// </summary>
public sealed record MediaAttachment(
    long Id, string Url, string PreviewUrl, int Width, int Height, int PreviewWidth, int PreviewHeight, string Description);

/// <summary>The limits other modules check before they ask.</summary>
public sealed class MediaLimits
{
    /// <summary>Images one coo may carry.</summary>
    public const int MaxPerCoo = 4;

    /// <summary>The largest image file taken in.</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    private MediaLimits()
    {
    }
}

/// <summary>The Media module's errors that <see cref="AttachMedia"/> answers with (translated by the Media module's texts).</summary>
public sealed class MediaErrors
{
    /// <summary>Unknown, cleaned up, or someone else's: the caller cannot tell which, so others' uploads stay private.</summary>
    public static readonly Error NotFound = Error.Unprocessable("media.not-found", "No upload of yours has that media id.");

    public static readonly Error AlreadyAttached = Error.Conflict("media.already-attached", "That image is already attached to another coo.");

    private MediaErrors()
    {
    }
}
