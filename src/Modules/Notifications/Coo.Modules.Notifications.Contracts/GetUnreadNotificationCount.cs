using Mediator;

namespace Coo.Modules.Notifications.Contracts;

/// <summary>How many of <paramref name="UserId"/>'s notifications are newer than what they read, at most <see cref="Cap"/>.</summary>
public sealed record GetUnreadNotificationCount(long UserId) : IQuery<int>
{
    /// <summary>Counting stops here (clients show "999+"), so that the count costs the same for everyone.</summary>
    public const int Cap = 1000;
}
