using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Processing;
using Coo.Modules.Media.Storage;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Features.UploadMedia;

internal sealed class UploadMediaHandler(MediaDbContext db, IMediaStore store, DecodingSlots decoding, SnowflakeIdGenerator ids, TimeProvider time)
    : ICommandHandler<Contracts.UploadMedia, Result<MediaAttachment>>
{
    public async ValueTask<Result<MediaAttachment>> Handle(Contracts.UploadMedia command, CancellationToken cancellationToken)
    {
        var processed = await decoding.DecodeAsync(() => ImageProcessor.ProcessAsync(command.Content!, cancellationToken), cancellationToken);
        if (!processed.IsSuccess)
        {
            return processed.Error!;
        }

        var item = MediaItem.Upload(ids.NextId(), command.OwnerId, UserText.Clean(command.Description), processed.Value, time.GetUtcNow());
        db.Items.Add(item);
        await store.StoreAroundAsync(processed.Value, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        return MediaUrls.Attachment(item);
    }
}
