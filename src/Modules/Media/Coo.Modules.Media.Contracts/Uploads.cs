using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Contracts;

/// <summary>
/// Stores an image for a coo its owner will post: <paramref name="Content"/> is the file as uploaded (null when the
/// form had none), <paramref name="Description"/> its alt text, which every image needs. Invalid input (no file, one too
/// large, no description) is refused by validation; a file that is no image the module can read fails the result.
/// </summary>
public sealed record UploadMedia(long OwnerId, byte[]? Content, string? Description) : ICommand<Result<MediaAttachment>>;

/// <summary>One of <paramref name="OwnerId"/>'s uploads, attached to a coo or not; null when unknown or someone else's.</summary>
public sealed record GetOwnMedia(long OwnerId, long MediaId) : IQuery<MediaAttachment?>;
