using Coo.Shared.Kernel;

namespace Coo.Modules.Media.Contracts;

/// <summary>
/// A user's avatar changed: <paramref name="Url"/> (the large square) and <paramref name="SmallUrl"/> are the new one,
/// or both null when the user went back to their generated default (<see cref="DefaultAvatar"/>).
/// <paramref name="Version"/> grows with every change of that user's avatar, so a consumer keeps the newest whatever
/// order the events arrive in.
/// </summary>
[IntegrationEvent("media.avatar-changed.v1")]
public sealed record AvatarChangedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long UserId, long Version, string? Url, string? SmallUrl)
    : IIntegrationEvent;

/// <summary>
/// The avatar of an account that has not uploaded one: a pattern drawn from its id, the same for ever, so its URLs are
/// known without asking (and cached for ever). Relative to the server, like every media URL.
/// </summary>
public sealed class DefaultAvatar
{
    /// <summary>The side of the large square, in pixels (an uploaded avatar's too).</summary>
    public const int LargeSide = 400;

    /// <summary>The side of the small square shown next to coos and in lists.</summary>
    public const int SmallSide = 96;

    public static string Url(long userId) => $"/api/v1/media/default-avatars/{userId}-{LargeSide}.png";

    public static string SmallUrl(long userId) => $"/api/v1/media/default-avatars/{userId}-{SmallSide}.png";

    private DefaultAvatar()
    {
    }
}
