using Coo.Modules.Coos.Data;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Features.PostCoo;

/// <summary>The body of <c>POST /coos</c>.</summary>
internal sealed record PostCooRequest(string? Text);

/// <summary>
/// Posts a coo. With an <paramref name="IdempotencyKey"/>, a retry by the same author within 24 hours returns the coo
/// the first attempt created; the same key with other text is refused.
/// </summary>
internal sealed record PostCoo(long AuthorId, string Text, string? IdempotencyKey) : ICommand<Result<CooSummary>>;
