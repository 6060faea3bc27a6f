using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// Posts a coo, or a reply to the coo <paramref name="InReplyToId"/>, and answers it as its author sees it, already on
/// the author's own home timeline. With an <paramref name="IdempotencyKey"/>, a retry by the same author within 24 hours
/// returns the coo the first attempt created; the same key with another body is refused. <paramref name="MediaIds"/> are
/// the author's own uploads, not on another coo, shown in that order. Invalid text fails validation.
/// </summary>
public sealed record PostCoo(long AuthorId, string Text, string? IdempotencyKey, long? InReplyToId = null, IReadOnlyList<long>? MediaIds = null)
    : ICommand<Result<CooResponse>>;

/// <summary>Deletes a coo of <paramref name="RequesterId"/>; another author's coo is reported as not found.</summary>
public sealed record DeleteCoo(long CooId, long RequesterId) : ICommand<Result<Unit>>;
