using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>Batch lookup for other modules: one call for a whole page of ids, never one per row. Unknown ids are left out.</summary>
public sealed record GetUsersByIds(IReadOnlyCollection<long> UserIds) : IQuery<IReadOnlyList<UserSummary>>;

public sealed record UserSummary(long Id, string Username, string DisplayName);
