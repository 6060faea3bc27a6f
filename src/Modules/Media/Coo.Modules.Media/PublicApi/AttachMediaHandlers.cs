using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Data;
using Coo.Modules.Media.Features;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.PublicApi;

internal sealed class AttachMediaHandler(MediaDbContext db) : ICommandHandler<AttachMedia, Result<IReadOnlyList<MediaAttachment>>>
{
    public async ValueTask<Result<IReadOnlyList<MediaAttachment>>> Handle(AttachMedia command, CancellationToken cancellationToken)
    {
        long[] ids = [.. command.MediaIds.Distinct()];
        var items = await db.Items.AsNoTracking().Where(m => ids.Contains(m.Id) && m.OwnerId == command.OwnerId).ToListAsync(cancellationToken);
        if (items.Count != ids.Length)
        {
            return MediaErrors.NotFound;
        }

        if (items.Any(m => m.CooId is { } claimedBy && claimedBy != command.CooId))
        {
            return MediaErrors.AlreadyAttached;
        }

        // One conditional update: a coo posted at the same moment with the same upload claims it first or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Items
            .Where(m => ids.Contains(m.Id) && m.OwnerId == command.OwnerId && (m.CooId == null || m.CooId == command.CooId))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.CooId, command.CooId), cancellationToken);
        if (claimed != ids.Length)
        {
            await transaction.RollbackAsync(cancellationToken);
            return MediaErrors.AlreadyAttached;
        }

        await transaction.CommitAsync(cancellationToken);
        var byId = items.ToDictionary(m => m.Id);
        return Result.Success<IReadOnlyList<MediaAttachment>>([.. ids.Select(id => MediaUrls.Attachment(byId[id]))]);
    }
}

internal sealed class ReleaseMediaHandler(MediaDbContext db) : ICommandHandler<ReleaseMedia>
{
    public async ValueTask<Unit> Handle(ReleaseMedia command, CancellationToken cancellationToken)
    {
        await db.Items.Where(m => m.CooId == command.CooId && !m.Confirmed)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.CooId, (long?)null), cancellationToken);
        return Unit.Value;
    }
}
