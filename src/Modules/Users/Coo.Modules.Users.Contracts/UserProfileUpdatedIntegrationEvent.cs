using Coo.Shared.Kernel;

namespace Coo.Modules.Users.Contracts;

[IntegrationEvent("users.user-profile-updated.v1")]
public sealed record UserProfileUpdatedIntegrationEvent(
    Guid Id,
    DateTimeOffset OccurredAt,
    long UserId,
    string Username,
    string DisplayName,
    string Bio) : IIntegrationEvent;
