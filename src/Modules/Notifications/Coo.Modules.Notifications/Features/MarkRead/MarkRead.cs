using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Features.MarkRead;

/// <summary>
/// Marks <paramref name="UserId"/>'s notifications read up to <paramref name="UpToId"/> (a <c>latestId</c>), or all of
/// them; the mark never moves back, and never past the newest notification there is, so later ones arrive unread.
/// </summary>
internal sealed record MarkRead(long UserId, long? UpToId) : ICommand;

internal sealed class MarkReadHandler(NotificationsDbContext db) : ICommandHandler<MarkRead>
{
    public async ValueTask<Unit> Handle(MarkRead command, CancellationToken cancellationToken)
    {
        var newest = await db.Groups.Where(g => g.RecipientId == command.UserId).MaxAsync(g => (long?)g.LatestId, cancellationToken) ?? 0;
        var upTo = Math.Min(command.UpToId ?? newest, newest);

        // One conditional statement, so that two devices marking at once cannot move the mark back.
        if (await MoveForwardAsync(command.UserId, upTo, cancellationToken) > 0
            || await db.Markers.AnyAsync(m => m.UserId == command.UserId, cancellationToken))
        {
            return Unit.Value;
        }

        db.Markers.Add(new NotificationMarker(command.UserId, upTo));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another device's first mark came first: keep the further of the two.
            db.ChangeTracker.Clear();
            await MoveForwardAsync(command.UserId, upTo, cancellationToken);
        }

        return Unit.Value;
    }

    private Task<int> MoveForwardAsync(long userId, long upTo, CancellationToken cancellationToken) =>
        db.Markers.Where(m => m.UserId == userId && m.LastReadId < upTo)
            .ExecuteUpdateAsync(marker => marker.SetProperty(m => m.LastReadId, upTo), cancellationToken);
}
