using Coo.Modules.Users.Contracts;
using Coo.Shared.Kernel;

namespace Coo.Modules.Users;

internal static class UsersErrors
{
    public static readonly Error UsernameTaken = Error.Conflict("users.username-taken", "That username is already taken.");
    public static readonly Error EmailTaken = Error.Conflict("users.email-taken", "An account with that e-mail address already exists.");
    public static readonly Error NotFound = UserErrors.NotFound;
    public static readonly Error ProfileEditedMeanwhile = Error.Conflict(
        "users.profile-edited-meanwhile", "Your profile was being changed by other edits at the same time; send yours again.");
    public static readonly Error InvalidCredentials = Error.Unauthorized("auth.invalid-credentials", "The username or password is wrong.");
    public static readonly Error InvalidRefreshToken = Error.Unauthorized("auth.invalid-refresh-token", "The refresh token is not valid; sign in again.");

    public static Error LockedOut(TimeSpan remaining) => Error.TooManyRequests(
        "auth.locked-out", "Too many failed sign-ins; the account is locked for a while.", remaining);
}
