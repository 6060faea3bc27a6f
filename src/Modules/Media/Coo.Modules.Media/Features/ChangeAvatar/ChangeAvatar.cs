using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Features.ChangeAvatar;

/// <summary>Makes an image the user's avatar: <paramref name="Content"/> is the file as uploaded (null when the form had none).</summary>
internal sealed record SetAvatar(long UserId, byte[]? Content) : ICommand<Result<AvatarResponse>>;

/// <summary>Takes the user's avatar away: they show their generated default again.</summary>
internal sealed record RemoveAvatar(long UserId) : ICommand<AvatarResponse>;

/// <summary>The avatar a user shows now: the large square (400 pixels) and the small one (96), relative to the server.</summary>
internal sealed record AvatarResponse(string AvatarUrl, string AvatarSmallUrl);
