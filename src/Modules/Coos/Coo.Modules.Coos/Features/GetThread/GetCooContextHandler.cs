using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Features.GetCoo;
using Mediator;

namespace Coo.Modules.Coos.Features.GetThread;

internal sealed class GetCooContextHandler(ISender sender) : IQueryHandler<GetCooContext, CooContext?>
{
    public async ValueTask<CooContext?> Handle(GetCooContext query, CancellationToken cancellationToken)
    {
        var coo = (await sender.Send(new GetCoosByIds([query.CooId]), cancellationToken)).SingleOrDefault();
        if (coo is null)
        {
            return null;
        }

        var thread = ThreadOrder.Arrange(await sender.Send(new GetConversation(coo.ConversationId), cancellationToken), coo.Id);
        var ancestors = thread.Where(e => e.Depth < 0 && !e.Deleted).TakeLast(GetCooContext.MaxAncestors).Select(e => e.Id).ToList();
        var descendants = thread.Where(e => e.Depth > 0 && !e.Deleted).Take(GetCooContext.MaxDescendants).Select(e => e.Id).ToList();
        var shown = await sender.Send(new GetCooResponses([.. ancestors, .. descendants], query.ViewerId), cancellationToken);
        var byId = shown.ToDictionary(c => c.Id);
        return new CooContext(
            [.. ancestors.Where(byId.ContainsKey).Select(id => byId[id])],
            [.. descendants.Where(byId.ContainsKey).Select(id => byId[id])]);
    }
}
