using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.PublicApi;

internal sealed class GetNotificationsHandler(NotificationsDbContext db) : IQueryHandler<GetNotifications, IReadOnlyList<NotificationEntry>>
{
    public async ValueTask<IReadOnlyList<NotificationEntry>> Handle(GetNotifications query, CancellationToken cancellationToken)
    {
        var sources = db.Sources.AsNoTracking().Where(s => s.RecipientId == query.RecipientId && !s.Undone);
        if (query.Kinds.Count > 0)
        {
            sources = sources.Where(s => query.Kinds.Contains(s.Kind));
        }

        if (query.BeforeId is { } before)
        {
            sources = sources.Where(s => s.SourceId < before);
        }

        if (query.AfterId is { } after)
        {
            sources = sources.Where(s => s.SourceId > after);
        }

        var ordered = query.NearestAfter ? sources.OrderBy(s => s.SourceId) : sources.OrderByDescending(s => s.SourceId);
        var page = await ordered.Take(query.Limit)
            .Select(s => new NotificationEntry(s.SourceId, s.Kind, s.ActorId, s.CooId, s.OccurredAt))
            .ToListAsync(cancellationToken);
        return query.NearestAfter ? [.. page.OrderByDescending(n => n.Id)] : page;
    }
}
