using Coo.Modules.Coos.Data;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Features.PostCoo;

/// <summary>
/// The body of <c>POST /coos</c>; <see cref="InReplyToId"/> makes the coo a reply; <see cref="MediaIds"/> are the author's
/// uploads (<c>POST /media</c>) it shows, in that order.
/// </summary>
internal sealed record PostCooRequest(string? Text, long? InReplyToId = null, IReadOnlyList<long>? MediaIds = null);

/// <summary>
/// Posts a coo, or a reply to the coo <paramref name="InReplyToId"/>. With an <paramref name="IdempotencyKey"/>, a retry
/// by the same author within 24 hours returns the coo the first attempt created; the same key with another body is
/// refused. <paramref name="MediaIds"/> are claimed from Media for the coo: the author's own uploads, not on another coo.
/// </summary>
internal sealed record PostCoo(long AuthorId, string Text, string? IdempotencyKey, long? InReplyToId = null, IReadOnlyList<long>? MediaIds = null)
    : ICommand<Result<CooSummary>>;
