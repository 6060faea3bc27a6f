using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Mediator;

namespace Coo.Modules.Timeline.Features.RecordOwnCoo;

internal sealed class RecordOwnCooHandler(TimelineStore timelines, ITimelineCache cache) : ICommandHandler<Contracts.RecordOwnCoo>
{
    public async ValueTask<Unit> Handle(Contracts.RecordOwnCoo command, CancellationToken cancellationToken)
    {
        await timelines.AddOwnAsync(command.CooId, command.AuthorId, cancellationToken);
        await cache.AddAsync(command.CooId, [command.AuthorId], cancellationToken);
        return Unit.Value;
    }
}
