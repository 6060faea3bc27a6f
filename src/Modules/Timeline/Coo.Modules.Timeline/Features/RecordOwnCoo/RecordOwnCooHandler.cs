using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.Features.RecordOwnCoo;

internal sealed class RecordOwnCooHandler(TimelineStore timelines) : ICommandHandler<Contracts.RecordOwnCoo>
{
    public async ValueTask<Unit> Handle(Contracts.RecordOwnCoo command, CancellationToken cancellationToken)
    {
        try
        {
            await timelines.AddAsync(command.AuthorId, [new CooRef(command.CooId, command.AuthorId)], cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The CooPosted fan-out wrote the same entry a moment earlier: the entry is there, as wanted.
        }

        return Unit.Value;
    }
}
