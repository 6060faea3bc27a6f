using Coo.Modules.Coos.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.UnpinCoo;

internal sealed class UnpinCooHandler(CoosDbContext db) : ICommandHandler<UnpinCoo>
{
    public async ValueTask<Unit> Handle(UnpinCoo command, CancellationToken cancellationToken)
    {
        await db.Pins.Where(p => p.AuthorId == command.AuthorId).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
