using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>
/// Changes a user's display name or bio, validated and announced as Coo's own <c>PATCH /users/me</c> does: a field
/// left out (null) keeps its value; an empty display name falls back to the username.
/// </summary>
public sealed record UpdateProfile(long UserId, string? DisplayName, string? Bio) : ICommand<Result<Unit>>;
