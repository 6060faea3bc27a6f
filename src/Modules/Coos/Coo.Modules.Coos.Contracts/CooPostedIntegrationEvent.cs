using Coo.Shared.Kernel;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// <paramref name="Tags"/> (normalised, each once) and <paramref name="MentionedUserIds"/> (each once) come from the
/// coo's text; both are null in events published before they were added, which consumers read as none.
/// <paramref name="InReplyToId"/> and <paramref name="InReplyToAuthorId"/> name the coo a reply answers and its author.
/// <paramref name="MediaIds"/> are the uploads the coo shows, in order; null in events published before it was added,
/// which Media reads as "perhaps some".
/// </summary>
[IntegrationEvent("coos.coo-posted.v1")]
public sealed record CooPostedIntegrationEvent(
    Guid Id,
    DateTimeOffset OccurredAt,
    long CooId,
    long AuthorId,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<long>? MentionedUserIds = null,
    long? InReplyToId = null,
    long? InReplyToAuthorId = null,
    IReadOnlyList<long>? MediaIds = null)
    : IIntegrationEvent;

/// <summary><paramref name="InReplyToId"/>: the coo a deleted reply answered (null in events published before it was added).</summary>
[IntegrationEvent("coos.coo-deleted.v1")]
public sealed record CooDeletedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long CooId, long AuthorId, long? InReplyToId = null) : IIntegrationEvent;
