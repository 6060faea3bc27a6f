using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Coo.Modules.Reactions.PublicApi;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.Features.React;

internal sealed class ReactHandler(ReactionsDbContext db, ISender sender, SnowflakeIdGenerator ids, TimeProvider time, ReactionReadCache cache)
    : ICommandHandler<Contracts.React, Result<long>>
{
    public async ValueTask<Result<long>> Handle(Contracts.React command, CancellationToken cancellationToken)
    {
        var coo = (await sender.Send(new GetCooRefs([command.CooId]), cancellationToken)).SingleOrDefault();
        if (coo is null)
        {
            return CooErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var reaction = Reaction.Create(ids.NextId(), coo.Id, command.Kind, command.UserId, coo.AuthorId, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Reactions.Add(reaction);
        db.Publish(ReactionEvents.Added(reaction, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The user had already reacted this way (a retry, or a second click racing the first): nothing to change.
            // Undone again meanwhile by a request of theirs racing this one: this one reacts after it.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var existing = await db.Reactions.AsNoTracking()
                .Where(r => r.CooId == coo.Id && r.Kind == command.Kind && r.UserId == command.UserId)
                .Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);
            return existing ?? await Handle(command, cancellationToken);
        }

        await ReactionStore.AdjustCountAsync(db, coo.Id, command.Kind, command.UserId, +1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.ForgetAsync(coo.Id, command.UserId);
        return reaction.Id;
    }
}
