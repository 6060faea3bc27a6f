using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Coo.Modules.Follows.Domain;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.Features.FollowUser;

internal sealed class FollowUserHandler(FollowsDbContext db, SnowflakeIdGenerator ids, TimeProvider time, CooMetrics metrics)
    : ICommandHandler<Contracts.FollowUser, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(Contracts.FollowUser command, CancellationToken cancellationToken)
    {
        if (command.FollowerId == command.FolloweeId)
        {
            return FollowsErrors.CannotFollowSelf;
        }

        if (await IsFollowingAsync(command, cancellationToken))
        {
            return Unit.Value;
        }

        await FollowCountsStore.EnsureExistAsync(db, [command.FollowerId, command.FolloweeId], cancellationToken);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var follow = Follow.Create(ids.NextId(), command.FollowerId, command.FolloweeId, now);
        db.Follows.Add(follow);
        db.Publish(new UserFollowedIntegrationEvent(Guid.CreateVersion7(), now, follow.Id, command.FollowerId, command.FolloweeId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A concurrent request created the same follow: the outcome the caller wanted already holds.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await IsFollowingAsync(command, cancellationToken))
            {
                return Unit.Value;
            }

            throw;
        }

        await FollowCountsStore.AdjustAsync(db, command.FollowerId, command.FolloweeId, +1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Followed();
        return Unit.Value;
    }

    private Task<bool> IsFollowingAsync(Contracts.FollowUser command, CancellationToken cancellationToken) =>
        db.Follows.AnyAsync(f => f.FollowerId == command.FollowerId && f.FolloweeId == command.FolloweeId, cancellationToken);
}
