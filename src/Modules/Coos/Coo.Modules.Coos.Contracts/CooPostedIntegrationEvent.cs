using Coo.Shared.Kernel;

namespace Coo.Modules.Coos.Contracts;

public sealed record CooPostedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId) : IIntegrationEvent;

public sealed record CooDeletedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId) : IIntegrationEvent;
