using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.Features.UnfollowUser;

internal sealed class UnfollowUserHandler(FollowsDbContext db, TimeProvider time, CooMetrics metrics) : ICommandHandler<Contracts.UnfollowUser, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(Contracts.UnfollowUser command, CancellationToken cancellationToken)
    {
        var followId = await db.Follows.AsNoTracking()
            .Where(f => f.FollowerId == command.FollowerId && f.FolloweeId == command.FolloweeId)
            .Select(f => (long?)f.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (followId is null)
        {
            return Unit.Value;
        }

        // Deleting decides the race: of two concurrent unfollows only one removes the row, counts it and publishes.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Follows.Where(f => f.Id == followId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return Unit.Value;
        }

        await FollowCountsStore.AdjustAsync(db, command.FollowerId, command.FolloweeId, -1, cancellationToken);
        db.Publish(new UserUnfollowedIntegrationEvent(
            Guid.CreateVersion7(), time.GetUtcNow(), followId.Value, command.FollowerId, command.FolloweeId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Unfollowed();
        return Unit.Value;
    }
}
