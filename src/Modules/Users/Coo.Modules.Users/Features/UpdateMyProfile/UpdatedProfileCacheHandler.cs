using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

/// <summary>
/// The durable half of a profile change's cache update: the request writes the new summary at once, and this consumer
/// of the module's own event writes the current one again until Redis confirms. It reads the summary from the database,
/// not from the event, so an older event handled late never puts back an older name.
/// </summary>
internal sealed class UpdatedProfileCacheHandler(UsersDbContext db, IEntityCache<UserSummary> cache, EntityCacheOptions<UserSummary> options, TimeProvider time)
    : IIntegrationEventHandler<UserProfileUpdatedIntegrationEvent>
{
    public async Task HandleAsync(UserProfileUpdatedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - integrationEvent.OccurredAt > options.TimeToLive)
        {
            return; // Any copy cached before the change has expired since.
        }

        var current = await db.Users.AsNoTracking()
            .Where(u => u.Id == integrationEvent.UserId)
            .Select(u => ShownAvatar.Summary(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.AvatarSmallUrl))
            .SingleOrDefaultAsync(cancellationToken);
        if (current is not null && !await cache.SetAsync(current, cancellationToken))
        {
            throw new InvalidOperationException($"The user cache did not confirm the profile of user {integrationEvent.UserId}; retrying until it does.");
        }
    }
}
