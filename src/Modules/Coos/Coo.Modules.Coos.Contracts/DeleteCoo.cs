using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Coos.Contracts;

/// <summary>Deletes a coo of <paramref name="RequesterId"/>; another author's coo is reported as not found.</summary>
public sealed record DeleteCoo(long CooId, long RequesterId) : ICommand<Result<Unit>>;
