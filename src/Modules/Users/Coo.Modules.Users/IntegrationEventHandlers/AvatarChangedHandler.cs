using Coo.Modules.Media.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Features.UpdateMyProfile;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.IntegrationEventHandlers;

/// <summary>
/// Media changed a user's avatar: the account shows it wherever it appears, and its cached summary follows through
/// the module's own profile event (<see cref="UpdatedProfileCacheHandler"/>). An older change arriving late is ignored.
/// </summary>
internal sealed class AvatarChangedHandler(UsersDbContext db, TimeProvider time) : IIntegrationEventHandler<AvatarChangedIntegrationEvent>
{
    public async Task HandleAsync(AvatarChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == integrationEvent.UserId, cancellationToken);
        if (user is null || !user.SetAvatar(integrationEvent.Version, integrationEvent.Url, integrationEvent.SmallUrl))
        {
            return;
        }

        db.Publish(new UserProfileUpdatedIntegrationEvent(
            Guid.CreateVersion7(), time.GetUtcNow(), user.Id, user.Username, user.DisplayName, user.Bio));
        await db.SaveChangesAsync(cancellationToken);
    }
}
