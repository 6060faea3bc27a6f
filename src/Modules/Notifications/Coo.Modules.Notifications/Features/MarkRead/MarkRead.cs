using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Features.MarkRead;

/// <summary>Marks <paramref name="UserId"/>'s notifications read up to <paramref name="UpToId"/> (a <c>latestId</c>), or all of them; the mark never moves back.</summary>
internal sealed record MarkRead(long UserId, long? UpToId) : ICommand;

internal sealed class MarkReadHandler(NotificationsDbContext db) : ICommandHandler<MarkRead>
{
    public async ValueTask<Unit> Handle(MarkRead command, CancellationToken cancellationToken)
    {
        var upTo = command.UpToId
            ?? await db.Groups.Where(g => g.RecipientId == command.UserId).MaxAsync(g => (long?)g.LatestId, cancellationToken)
            ?? 0;
        var marker = await db.Markers.SingleOrDefaultAsync(m => m.UserId == command.UserId, cancellationToken);
        if (marker is null)
        {
            db.Markers.Add(new NotificationMarker(command.UserId, upTo));
        }
        else
        {
            marker.ReadUpTo(upTo);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
