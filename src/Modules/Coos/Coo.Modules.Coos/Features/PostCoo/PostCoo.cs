using Coo.Modules.Coos.Data;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Features.PostCoo;

/// <summary>The body of <c>POST /coos</c>; <see cref="InReplyToId"/> makes the coo a reply.</summary>
internal sealed record PostCooRequest(string? Text, long? InReplyToId = null);

/// <summary>
/// Posts a coo, or a reply to the coo <paramref name="InReplyToId"/>. With an <paramref name="IdempotencyKey"/>, a retry
/// by the same author within 24 hours returns the coo the first attempt created; the same key with another body is
/// refused.
/// </summary>
internal sealed record PostCoo(long AuthorId, string Text, string? IdempotencyKey, long? InReplyToId = null) : ICommand<Result<CooSummary>>;
