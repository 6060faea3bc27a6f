using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Processing;
using Coo.Modules.Media.Storage;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Features.UploadMedia;

internal sealed class UploadMediaHandler(MediaDbContext db, IMediaStore store, SnowflakeIdGenerator ids, TimeProvider time)
    : ICommandHandler<UploadMedia, Result<MediaResponse>>
{
    public async ValueTask<Result<MediaResponse>> Handle(UploadMedia command, CancellationToken cancellationToken)
    {
        var processed = await ImageProcessor.ProcessAsync(command.Content!, cancellationToken);
        if (!processed.IsSuccess)
        {
            return processed.Error!;
        }

        // Files first: a row always names files that exist. Files whose row never comes are only unused bytes.
        var image = processed.Value;
        await store.PutAsync(image.Original.FileName, image.Original.Content, cancellationToken);
        await store.PutAsync(image.Preview.FileName, image.Preview.Content, cancellationToken);
        var item = MediaItem.Upload(ids.NextId(), command.OwnerId, UserText.Clean(command.Description), image, time.GetUtcNow());
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return MediaResponse.Of(item);
    }
}
