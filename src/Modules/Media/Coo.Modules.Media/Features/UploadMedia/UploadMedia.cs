using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Features.UploadMedia;

/// <summary>
/// Stores an image for a coo its owner will post: <paramref name="Content"/> is the file as uploaded (null when the
/// form had none), <paramref name="Description"/> its alt text.
/// </summary>
internal sealed record UploadMedia(long OwnerId, byte[]? Content, string? Description) : ICommand<Result<MediaResponse>>;
