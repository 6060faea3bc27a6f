using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Processing;
using Coo.Modules.Media.Storage;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.Features.ChangeAvatar;

/// <summary>
/// Changes a user's avatar and tells the other modules (<see cref="AvatarChangedIntegrationEvent"/>, in the same
/// transaction): Users shows it with the account wherever the account appears. The files it replaces go to the sweep.
/// </summary>
internal sealed class ChangeAvatarHandler(MediaDbContext db, IMediaStore store, DecodingSlots decoding, TimeProvider time)
    : ICommandHandler<SetAvatar, Result<AvatarResponse>>, ICommandHandler<RemoveAvatar, AvatarResponse>
{
    private const int Attempts = 5;

    public async ValueTask<Result<AvatarResponse>> Handle(SetAvatar command, CancellationToken cancellationToken)
    {
        var processed = await decoding.DecodeAsync(() => ImageProcessor.ProcessAvatarAsync(command.Content!, cancellationToken), cancellationToken);
        if (!processed.IsSuccess)
        {
            return processed.Error!;
        }

        return await store.StoreAroundAsync(processed.Value, () => ChangeAsync(command.UserId, processed.Value, cancellationToken), cancellationToken);
    }

    public async ValueTask<AvatarResponse> Handle(RemoveAvatar command, CancellationToken cancellationToken) =>
        await ChangeAsync(command.UserId, image: null, cancellationToken);

    private async Task<AvatarResponse> ChangeAsync(long userId, ProcessedImage? image, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var avatar = await db.Avatars.SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
            if (image is null && avatar?.FileName is null)
            {
                return Shown(userId, avatar);
            }

            if (avatar is null)
            {
                avatar = Avatar.For(userId);
                db.Avatars.Add(avatar);
            }

            var now = time.GetUtcNow();
            db.SweepCandidates.AddRange(avatar.Change(image, now).Select(name => SweepCandidate.Record(name, now)));
            var uploaded = avatar.FileName is null ? null : Shown(userId, avatar);
            db.Publish(new AvatarChangedIntegrationEvent(
                Guid.CreateVersion7(now), now, userId, avatar.Version, uploaded?.AvatarUrl, uploaded?.AvatarSmallUrl));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another change of the same avatar came first (its version, or its first row): apply this one after it.
                db.ChangeTracker.Clear();
                continue;
            }

            return Shown(userId, avatar);
        }
    }

    private static AvatarResponse Shown(long userId, Avatar? avatar) => avatar is { FileName: { } large, SmallFileName: { } small }
        ? new AvatarResponse($"{MediaUrls.FilesPath}/{large}", $"{MediaUrls.FilesPath}/{small}")
        : new AvatarResponse(DefaultAvatar.Url(userId), DefaultAvatar.SmallUrl(userId));
}
