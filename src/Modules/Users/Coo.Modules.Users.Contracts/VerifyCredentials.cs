using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>
/// Checks a username (or e-mail) and password as signing in does, with the same lock-out after repeated failures, for
/// modules that issue tokens of their own (OAuth's password grant). Fails with <c>auth.invalid-credentials</c> or
/// <c>auth.locked-out</c>; creates no session.
/// </summary>
public sealed record VerifyCredentials(string Username, string Password) : ICommand<Result<VerifiedUser>>;

/// <param name="Username">As the account spells it.</param>
public sealed record VerifiedUser(long Id, string Username);
