using Coo.Shared.Kernel;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// <paramref name="Tags"/> (normalised, each once) and <paramref name="MentionedUserIds"/> (each once) come from the
/// coo's text; both are null in events published before they were added, which consumers read as none.
/// </summary>
[IntegrationEvent("coos.coo-posted.v1")]
public sealed record CooPostedIntegrationEvent(
    Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId, IReadOnlyList<string>? Tags = null, IReadOnlyList<long>? MentionedUserIds = null)
    : IIntegrationEvent;

[IntegrationEvent("coos.coo-deleted.v1")]
public sealed record CooDeletedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId) : IIntegrationEvent;
