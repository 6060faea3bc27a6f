using Mediator;

namespace Coo.Modules.Timeline.Contracts;

/// <summary>
/// Puts an author's new coo on their own home timeline, so they see it on their next read; the <c>CooPosted</c> event
/// does the same (idempotently) and reaches their followers. Sent by the post inside the transaction that writes the
/// coo, while it offers that transaction (<c>SharedTransaction</c>): the entry commits with the coo when Timeline shares
/// the database, and otherwise is written once the poster runs its after-commit actions, as is the timeline cache in
/// both cases.
/// </summary>
public sealed record RecordOwnCoo(long AuthorId, long CooId, long? InReplyToAuthorId) : ICommand;
