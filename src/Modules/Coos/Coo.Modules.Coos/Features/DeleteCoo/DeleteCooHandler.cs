using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.DeleteCoo;

internal sealed class DeleteCooHandler(CoosDbContext db, TimeProvider time) : ICommandHandler<Contracts.DeleteCoo, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(Contracts.DeleteCoo command, CancellationToken cancellationToken)
    {
        // Someone else's coo answers exactly like a missing one: no hint that it exists.
        var coo = await db.Coos.SingleOrDefaultAsync(c => c.Id == command.CooId && c.AuthorId == command.RequesterId, cancellationToken);
        if (coo is null)
        {
            return CoosErrors.NotFound;
        }

        db.Coos.Remove(coo);
        db.Publish(new CooDeletedIntegrationEvent(Guid.CreateVersion7(), time.GetUtcNow(), coo.Id, coo.AuthorId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent delete of the same coo won; deleting is idempotent for its author.
            return CoosErrors.NotFound;
        }

        return Unit.Value;
    }
}
