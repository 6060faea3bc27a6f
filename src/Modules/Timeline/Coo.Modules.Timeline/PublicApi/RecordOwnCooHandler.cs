using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Timeline.Data;
using Mediator;

namespace Coo.Modules.Timeline.PublicApi;

internal sealed class RecordOwnCooHandler(TimelineStore timelines, ITimelineCache cache) : ICommandHandler<RecordOwnCoo>
{
    public async ValueTask<Unit> Handle(RecordOwnCoo command, CancellationToken cancellationToken)
    {
        await timelines.AddOwnAsync(new CooRef(command.CooId, command.AuthorId, command.InReplyToAuthorId), cancellationToken);
        await cache.AddAsync(command.CooId, [command.AuthorId], cancellationToken);
        return Unit.Value;
    }
}
