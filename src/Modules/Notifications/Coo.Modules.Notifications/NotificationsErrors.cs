using Coo.Shared.Kernel;

namespace Coo.Modules.Notifications;

internal static class NotificationsErrors
{
    public static readonly Error UnknownKind = new(
        "notifications.unknown-kind", "Unknown kind of notification: use follow, like, repost, reply or mention.", ErrorKind.Validation);
}
