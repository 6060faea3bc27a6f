using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>
/// Makes an existing account an administrator (or stops it being one). Only operators do this, through the host's
/// <c>admin</c> command: no API endpoint grants the role. The account's next sign-in or refresh carries the change.
/// Fails with <c>users.not-found</c> when no account has the username.
/// </summary>
public sealed record SetAdminRole(string Username, bool IsAdmin) : ICommand<Result<AdminRoleChange>>;

/// <param name="Username">As the account spells it.</param>
/// <param name="Changed">False when the account already had the requested role.</param>
public sealed record AdminRoleChange(string Username, bool Changed);

/// <summary>Every account that holds the admin role, by username.</summary>
public sealed record ListAdmins : IQuery<IReadOnlyList<UserSummary>>;
