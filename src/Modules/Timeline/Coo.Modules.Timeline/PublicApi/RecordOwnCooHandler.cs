using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Persistence;
using Mediator;

namespace Coo.Modules.Timeline.PublicApi;

internal sealed class RecordOwnCooHandler(TimelineStore timelines, ITimelineCache cache, SharedTransaction offered, AfterCommitActions afterCommit)
    : ICommandHandler<RecordOwnCoo>
{
    public ValueTask<Unit> Handle(RecordOwnCoo command, CancellationToken cancellationToken)
    {
        var coo = new CooRef(command.CooId, command.AuthorId, command.InReplyToAuthorId);
        var joined = timelines.TryJoinAddOwn(offered, coo);
        afterCommit.Add(async ct =>
        {
            // Timeline on a database of its own: the entry can only follow the poster's commit.
            if (!joined)
            {
                await timelines.AddOwnAsync(coo, ct);
            }

            await cache.AddAsync([new AddedCoo(coo.Id, [coo.AuthorId])], ct);
        });
        return ValueTask.FromResult(Unit.Value);
    }
}
