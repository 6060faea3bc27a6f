using Mediator;

namespace Coo.Modules.Timeline.Contracts;

/// <summary>
/// Puts an author's new coo on their own home timeline at once, so they see it on their next read; the
/// <c>CooPosted</c> event does the same (idempotently) and reaches their followers.
/// </summary>
public sealed record RecordOwnCoo(long AuthorId, long CooId, long? InReplyToAuthorId) : ICommand;
