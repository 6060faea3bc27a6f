using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Domain;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Data;

/// <summary>
/// Turns events into grouped notifications and takes them back. Each event is recorded once by its kind and id
/// (<see cref="NotificationSource"/>) before its group changes; groups carry a version, so a like and an unlike of one
/// coo handled at once by their two consumers cannot lose either change (the loser is retried by its queue). The
/// recipient's open streams hear of every changed group once it is committed.
/// </summary>
internal sealed class NotificationStore(NotificationsDbContext db, IUserEventLog live, AfterCommitActions afterCommit, SnowflakeIdGenerator ids)
{
    /// <summary>Notifies <paramref name="recipientId"/> that <paramref name="actorId"/> did this, unless it was their own doing, undone or about a deleted coo.</summary>
    public async Task AddAsync(
        NotificationKind kind, long sourceId, long recipientId, long actorId, long? cooId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (actorId == recipientId
            || await db.Sources.AnyAsync(s => s.Kind == kind && s.SourceId == sourceId && s.RecipientId == recipientId, cancellationToken)
            || (cooId is { } coo && await db.DeletedCoos.AnyAsync(d => d.CooId == coo, cancellationToken)))
        {
            return;
        }

        var opensAfter = occurredAt - NotificationGroup.Window;
        var group = await db.Groups
            .Where(g => g.RecipientId == recipientId && g.Kind == kind && g.CooId == cooId && g.OpenedAt > opensAfter && g.OpenedAt <= occurredAt)
            .OrderByDescending(g => g.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            // An id of its own: one event (a coo that mentions several people) opens a group for each recipient.
            group = new NotificationGroup(ids.NextId(), recipientId, kind, cooId, occurredAt);
            db.Groups.Add(group);
        }

        var source = new NotificationSource(kind, sourceId, recipientId, actorId, cooId, occurredAt);
        source.JoinedGroup(group.Id);
        db.Sources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(group, +1, cancellationToken);
    }

    /// <summary>Takes back what the event <paramref name="sourceId"/> notified, and remembers it is undone if it has not arrived yet.</summary>
    public async Task UndoAsync(NotificationKind kind, long sourceId, long recipientId, long actorId, long? cooId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Kind == kind && s.SourceId == sourceId && s.RecipientId == recipientId, cancellationToken);
        if (source is null)
        {
            source = new NotificationSource(kind, sourceId, recipientId, actorId, cooId, occurredAt);
            source.Undo();
            db.Sources.Add(source);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        if (source.Undone)
        {
            return;
        }

        source.Undo();
        await db.SaveChangesAsync(cancellationToken);
        if (source.GroupId is { } groupId && await db.Groups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken) is { } group)
        {
            await RecountAsync(group, -1, cancellationToken);
        }
    }

    /// <summary>A deleted coo takes every notification about it (its likes and reposts, the reply or mention it was) with it.</summary>
    public async Task RemoveCooAsync(long cooId, DateTimeOffset deletedAt, CancellationToken cancellationToken)
    {
        if (!await db.DeletedCoos.AnyAsync(d => d.CooId == cooId, cancellationToken))
        {
            db.DeletedCoos.Add(new DeletedCoo(cooId, deletedAt));
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.Sources.Where(s => s.CooId == cooId && !s.Undone).ExecuteUpdateAsync(s => s.SetProperty(x => x.Undone, true), cancellationToken);
        var removed = await db.Groups.Where(g => g.CooId == cooId).Select(g => new { g.Id, g.RecipientId }).ToListAsync(cancellationToken);
        await db.Groups.Where(g => g.CooId == cooId).ExecuteDeleteAsync(cancellationToken);
        removed.ForEach(group => Announce(group.RecipientId, group.Id));
    }

    private async Task RecountAsync(NotificationGroup group, int change, CancellationToken cancellationToken)
    {
        // A few more than are named, since one person may have done it more than once (undone in between).
        var newest = await db.Sources.AsNoTracking().Where(s => s.GroupId == group.Id && !s.Undone)
            .OrderByDescending(s => s.SourceId).Take(NotificationGroup.NamedActors * 2).ToListAsync(cancellationToken);
        if (!group.Recount(change, newest))
        {
            db.Groups.Remove(group);
        }

        await db.SaveChangesAsync(cancellationToken);
        Announce(group.RecipientId, group.Id);
    }

    private void Announce(long recipientId, long groupId) =>
        afterCommit.Add(cancellationToken => live.AppendAsync([recipientId], UserEventKind.NotificationsChanged, groupId, cancellationToken));
}
