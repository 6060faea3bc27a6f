using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Features.ListNotifications;

/// <summary>
/// A page of <paramref name="RecipientId"/>'s notification groups, newest first, older than <paramref name="BeforeId"/>
/// when given, only of <paramref name="Kinds"/> when any; and up to which one they have read.
/// </summary>
internal sealed record GetNotificationGroups(long RecipientId, IReadOnlyCollection<NotificationKind> Kinds, long? BeforeId, int Limit)
    : IQuery<NotificationGroupsPage>;

internal sealed record NotificationGroupsPage(IReadOnlyList<NotificationGroup> Groups, long LastReadId);

internal sealed class GetNotificationGroupsHandler(NotificationsDbContext db) : IQueryHandler<GetNotificationGroups, NotificationGroupsPage>
{
    public async ValueTask<NotificationGroupsPage> Handle(GetNotificationGroups query, CancellationToken cancellationToken)
    {
        var groups = db.Groups.AsNoTracking().Where(g => g.RecipientId == query.RecipientId);
        if (query.Kinds.Count > 0)
        {
            groups = groups.Where(g => query.Kinds.Contains(g.Kind));
        }

        if (query.BeforeId is { } before)
        {
            groups = groups.Where(g => g.LatestId < before);
        }

        var page = await groups.OrderByDescending(g => g.LatestId).Take(query.Limit).ToListAsync(cancellationToken);
        var lastRead = await db.Markers.Where(m => m.UserId == query.RecipientId).Select(m => (long?)m.LastReadId).SingleOrDefaultAsync(cancellationToken);
        return new NotificationGroupsPage(page, lastRead ?? 0);
    }
}
