using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.PinCoo;

internal sealed class PinCooHandler(CoosDbContext db, TimeProvider time) : ICommandHandler<PinCoo, Result<CooSummary>>
{
    public async ValueTask<Result<CooSummary>> Handle(PinCoo command, CancellationToken cancellationToken)
    {
        var coo = await db.Coos.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CooId && c.AuthorId == command.AuthorId, cancellationToken);
        if (coo is null)
        {
            return CoosErrors.NotFound;
        }

        // The author's first pin from two devices at once: the loser finds the winner's row and replaces it.
        for (var attempt = 1; ; attempt++)
        {
            var pin = await db.Pins.SingleOrDefaultAsync(p => p.AuthorId == command.AuthorId, cancellationToken);
            if (pin is null)
            {
                db.Pins.Add(Pin.Of(command.AuthorId, coo.Id, time.GetUtcNow()));
            }
            else
            {
                pin.Replace(coo.Id, time.GetUtcNow());
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return CooSummary.Of(coo);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException ex) when (ex.IsForeignKeyViolation())
            {
                // The coo was deleted since it was read: a pin never points at a deleted coo.
                return CoosErrors.NotFound;
            }
        }
    }
}
