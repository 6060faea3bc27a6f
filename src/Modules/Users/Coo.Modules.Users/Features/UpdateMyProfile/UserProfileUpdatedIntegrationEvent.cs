using Coo.Shared.Kernel;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

/// <summary>
/// A profile change, which only the Users module consumes (<see cref="UpdatedProfileCacheHandler"/>) to keep the cached
/// user summaries in step; no other module needs it, so it is no contract. Its wire name is unchanged.
/// </summary>
[IntegrationEvent("users.user-profile-updated.v1")]
internal sealed record UserProfileUpdatedIntegrationEvent(
    Guid Id,
    DateTimeOffset OccurredAt,
    long UserId,
    string Username,
    string DisplayName,
    string Bio) : IIntegrationEvent;
