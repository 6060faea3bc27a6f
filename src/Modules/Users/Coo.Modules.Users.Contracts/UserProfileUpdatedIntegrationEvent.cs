using Coo.Shared.Kernel;

namespace Coo.Modules.Users.Contracts;

public sealed record UserProfileUpdatedIntegrationEvent(
    Guid Id,
    DateTimeOffset OccurredAt,
    long UserId,
    string Username,
    string DisplayName,
    string Bio) : IIntegrationEvent;
