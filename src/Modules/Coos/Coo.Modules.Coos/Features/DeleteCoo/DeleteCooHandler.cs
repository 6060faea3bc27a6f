using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Domain;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.DeleteCoo;

internal sealed class DeleteCooHandler(CoosDbContext db, IEntityCache<CooSummary> cache, TimeProvider time) : ICommandHandler<Contracts.DeleteCoo, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(Contracts.DeleteCoo command, CancellationToken cancellationToken)
    {
        // Someone else's coo answers exactly like a missing one: no hint that it exists.
        var coo = await db.Coos.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CooId && c.AuthorId == command.RequesterId, cancellationToken);
        if (coo is null)
        {
            return CoosErrors.NotFound;
        }

        // Deleting decides the race: of two concurrent deletes only one removes the row, counts it and publishes.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Coos.Where(c => c.Id == coo.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return CoosErrors.NotFound;
        }

        // A thread through this coo keeps its shape: replies stay, and show it as deleted.
        if (coo.InReplyToId is not null || await db.Coos.AnyAsync(c => c.ConversationId == coo.Id && c.Id != coo.Id, cancellationToken))
        {
            db.ConversationTombstones.Add(ConversationTombstone.Of(coo, time.GetUtcNow()));
        }

        // A pin never points at a deleted coo (the foreign key would cascade too; this keeps it explicit and provider-proof).
        await db.Pins.Where(p => p.CooId == coo.Id).ExecuteDeleteAsync(cancellationToken);
        await AuthorStatsStore.AdjustAsync(db, coo.AuthorId, -1, cancellationToken);
        db.Publish(new CooDeletedIntegrationEvent(Guid.CreateVersion7(), time.GetUtcNow(), coo.Id, coo.AuthorId, coo.InReplyToId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);

        // Committed, so acknowledged: the caller going away must not skip the cache (DeletedCooCacheHandler repeats it durably).
        await cache.RemoveAsync(coo.Id, CancellationToken.None);
        return Unit.Value;
    }
}
