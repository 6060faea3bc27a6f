using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>Resolves a username (any case) to its user, or null.</summary>
public sealed record GetUserByUsername(string Username) : IQuery<UserSummary?>;
