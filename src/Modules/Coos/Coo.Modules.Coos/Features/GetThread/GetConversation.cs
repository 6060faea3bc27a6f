using Coo.Modules.Coos.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.GetThread;

/// <summary>
/// The shape of a conversation: every coo in it, the deleted ones that left a tombstone too, by id and the coo each
/// answers; no text, so a long conversation costs a narrow index read.
/// </summary>
internal sealed record GetConversation(long ConversationId) : IQuery<IReadOnlyList<ThreadNode>>;

internal sealed class GetConversationHandler(CoosDbContext db) : IQueryHandler<GetConversation, IReadOnlyList<ThreadNode>>
{
    public async ValueTask<IReadOnlyList<ThreadNode>> Handle(GetConversation query, CancellationToken cancellationToken)
    {
        var live = db.Coos.AsNoTracking().Where(c => c.ConversationId == query.ConversationId)
            .Select(c => new { c.Id, c.InReplyToId, Deleted = false });
        var deleted = db.ConversationTombstones.AsNoTracking().Where(t => t.ConversationId == query.ConversationId)
            .Select(t => new { Id = t.CooId, t.InReplyToId, Deleted = true });
        var shape = await live.Concat(deleted).ToListAsync(cancellationToken);
        return [.. shape.Select(n => new ThreadNode(n.Id, n.InReplyToId, n.Deleted))];
    }
}
