using Coo.Modules.Notifications.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Features.UnreadCount;

/// <summary>How many of <paramref name="UserId"/>'s notifications are newer than what they read, at most <see cref="Cap"/>.</summary>
internal sealed record GetUnreadCount(long UserId) : IQuery<int>
{
    /// <summary>Counting stops here (clients show "999+"), so that the count costs the same for everyone.</summary>
    public const int Cap = 1000;
}

internal sealed class GetUnreadCountHandler(NotificationsDbContext db) : IQueryHandler<GetUnreadCount, int>
{
    public async ValueTask<int> Handle(GetUnreadCount query, CancellationToken cancellationToken)
    {
        var lastRead = await db.Markers.Where(m => m.UserId == query.UserId).Select(m => (long?)m.LastReadId).SingleOrDefaultAsync(cancellationToken) ?? 0;
        return await db.Groups.Where(g => g.RecipientId == query.UserId && g.LatestId > lastRead).Take(GetUnreadCount.Cap).CountAsync(cancellationToken);
    }
}
