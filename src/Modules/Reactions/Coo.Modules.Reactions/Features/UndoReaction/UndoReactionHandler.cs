using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.PublicApi;
using Mediator;

namespace Coo.Modules.Reactions.Features.UndoReaction;

internal sealed class UndoReactionHandler(ReactionsDbContext db, TimeProvider time, ReactionReadCache cache) : ICommandHandler<Contracts.UndoReaction>
{
    public async ValueTask<Unit> Handle(Contracts.UndoReaction command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var undone = await ReactionStore.TryRemoveAsync(db, command.CooId, command.Kind, command.UserId, cancellationToken);
        if (undone is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Unit.Value;
        }

        await ReactionStore.AdjustCountAsync(db, command.CooId, command.Kind, command.UserId, -1, cancellationToken);
        db.Publish(ReactionEvents.Undone(undone, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.ForgetAsync(command.CooId, command.UserId);
        return Unit.Value;
    }
}
