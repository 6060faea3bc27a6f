using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>Batch lookup for other modules: one call for a whole page of ids, never one per row. Unknown ids are left out.</summary>
public sealed record GetUsersByIds(IReadOnlyCollection<long> UserIds) : IQuery<IReadOnlyList<UserSummary>>;

/// <summary>
/// An account as lists and coos show it; <see cref="AvatarUrl"/> (400 pixels square) and <see cref="AvatarSmallUrl"/>
/// (96) are its uploaded avatar or its generated default, relative to the server.
/// </summary>
public sealed record UserSummary(long Id, string Username, string DisplayName, string AvatarUrl, string AvatarSmallUrl);
