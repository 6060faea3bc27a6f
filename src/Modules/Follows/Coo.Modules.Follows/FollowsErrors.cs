using Coo.Shared.Kernel;

namespace Coo.Modules.Follows;

internal static class FollowsErrors
{
    public static readonly Error CannotFollowSelf = Error.Unprocessable("follows.self", "You cannot follow yourself.");
}
