using Coo.Shared.Kernel;

namespace Coo.Modules.Users.Contracts;

/// <summary>
/// The Users module's errors that other modules answer with, so that every "no such user" looks the same (and is
/// translated by the Users module's texts). A class rather than a static class: contracts are sealed types.
/// </summary>
public sealed class UserErrors
{
    /// <summary>What to answer when <see cref="GetUserByUsername"/> or <see cref="GetUserProfile"/> finds nobody.</summary>
    public static readonly Error NotFound = Error.NotFound("users.not-found", "No user has that username.");

    private UserErrors()
    {
    }
}
