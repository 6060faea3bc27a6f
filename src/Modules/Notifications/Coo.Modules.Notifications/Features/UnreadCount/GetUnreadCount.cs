using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Features.UnreadCount;

/// <summary>Answers the unread count for the endpoint here and for the live stream's notification events (a contract).</summary>
internal sealed class GetUnreadCountHandler(NotificationsDbContext db) : IQueryHandler<GetUnreadNotificationCount, int>
{
    public async ValueTask<int> Handle(GetUnreadNotificationCount query, CancellationToken cancellationToken)
    {
        var lastRead = await db.Markers.Where(m => m.UserId == query.UserId).Select(m => (long?)m.LastReadId).SingleOrDefaultAsync(cancellationToken) ?? 0;
        return await db.Groups.Where(g => g.RecipientId == query.UserId && g.LatestId > lastRead).Take(GetUnreadNotificationCount.Cap).CountAsync(cancellationToken);
    }
}
