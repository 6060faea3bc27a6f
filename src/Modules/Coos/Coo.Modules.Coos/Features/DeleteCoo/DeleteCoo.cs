using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Features.DeleteCoo;

/// <summary>Deletes a coo of <paramref name="RequesterId"/>; another author's coo is reported as not found.</summary>
internal sealed record DeleteCoo(long CooId, long RequesterId) : ICommand<Result<Unit>>;
