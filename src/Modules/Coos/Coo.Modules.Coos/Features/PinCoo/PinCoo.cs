using Coo.Modules.Coos.Data;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Features.PinCoo;

/// <summary>The body of <c>PUT /users/me/pinned-coo</c>.</summary>
internal sealed record PinCooRequest(long? CooId);

/// <summary>
/// Pins a coo of <paramref name="AuthorId"/> to their profile, replacing any pin they had; another author's coo is
/// reported as not found, like everywhere else.
/// </summary>
internal sealed record PinCoo(long AuthorId, long CooId) : ICommand<Result<CooSummary>>;
