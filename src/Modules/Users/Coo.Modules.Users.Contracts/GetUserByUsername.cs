using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>Resolves a username (any case) to its user, or null.</summary>
public sealed record GetUserByUsername(string Username) : IQuery<UserSummary?>;

/// <summary>Batch lookup by username (any case): the users who exist, in no particular order; the others are left out.</summary>
public sealed record GetUsersByUsernames(IReadOnlyCollection<string> Usernames) : IQuery<IReadOnlyList<UserSummary>>;
