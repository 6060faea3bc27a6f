using Coo.Shared.Kernel;

namespace Coo.Modules.Users.Contracts;

[IntegrationEvent("users.user-registered.v1")]
public sealed record UserRegisteredIntegrationEvent(
    Guid Id,
    DateTimeOffset OccurredAt,
    long UserId,
    string Username,
    string DisplayName) : IIntegrationEvent;
