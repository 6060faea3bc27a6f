using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Processing;
using Coo.Modules.Media.Storage;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Media.Features.UploadMedia;

internal sealed class UploadMediaHandler(MediaDbContext db, IMediaStore store, DecodingSlots decoding, SnowflakeIdGenerator ids, TimeProvider time)
    : ICommandHandler<UploadMedia, Result<MediaResponse>>
{
    public async ValueTask<Result<MediaResponse>> Handle(UploadMedia command, CancellationToken cancellationToken)
    {
        Result<ProcessedImage> processed;
        using (var slot = await decoding.TryTakeAsync(cancellationToken))
        {
            if (slot is null)
            {
                return MediaModuleErrors.Busy;
            }

            processed = await ImageProcessor.ProcessAsync(command.Content!, cancellationToken);
        }

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

        // The same picture's files may have been there already, left by a deleted upload, and the sweep may have
        // removed them before this row committed: stored again if so (a no-op otherwise), whether or not the client waits.
        await store.PutAsync(image.Original.FileName, image.Original.Content, CancellationToken.None);
        await store.PutAsync(image.Preview.FileName, image.Preview.Content, CancellationToken.None);
        return MediaResponse.Of(item);
    }
}
