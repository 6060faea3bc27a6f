using Coo.Shared.Kernel;

namespace Coo.Modules.Coos.Contracts;

[IntegrationEvent("coos.coo-posted.v1")]
public sealed record CooPostedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId) : IIntegrationEvent;

[IntegrationEvent("coos.coo-deleted.v1")]
public sealed record CooDeletedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId) : IIntegrationEvent;
