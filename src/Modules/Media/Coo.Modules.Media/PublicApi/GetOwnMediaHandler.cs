using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Data;
using Coo.Modules.Media.Features;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.PublicApi;

internal sealed class GetOwnMediaHandler(MediaDbContext db) : IQueryHandler<GetOwnMedia, MediaAttachment?>
{
    public async ValueTask<MediaAttachment?> Handle(GetOwnMedia query, CancellationToken cancellationToken)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.MediaId && m.OwnerId == query.OwnerId, cancellationToken);
        return item is null ? null : MediaUrls.Attachment(item);
    }
}
