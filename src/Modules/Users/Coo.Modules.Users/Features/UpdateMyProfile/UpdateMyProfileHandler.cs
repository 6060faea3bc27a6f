using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

internal sealed class UpdateMyProfileHandler(UsersDbContext db, IEntityCache<UserSummary> cache, TimeProvider time)
    : ICommandHandler<UpdateMyProfile, Result<MyProfileResponse>>
{
    private const int Attempts = 5;

    public async ValueTask<Result<MyProfileResponse>> Handle(UpdateMyProfile command, CancellationToken cancellationToken)
    {
        var displayName = command.DisplayName is null ? null : UserText.Clean(command.DisplayName);
        var bio = command.Bio is null ? null : UserText.Clean(command.Bio);
        for (var attempt = 1; ; attempt++)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
            if (user is null)
            {
                return UsersErrors.NotFound;
            }

            if (!user.UpdateProfile(displayName, bio))
            {
                return MyProfileResponse.From(user);
            }

            // The event carries the whole profile: built from stale data it would put back a field another edit just changed.
            db.Publish(new UserProfileUpdatedIntegrationEvent(
                Guid.CreateVersion7(), time.GetUtcNow(), user.Id, user.Username, user.DisplayName, user.Bio));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                if (attempt == Attempts)
                {
                    return UsersErrors.ProfileEditedMeanwhile;
                }

                db.ChangeTracker.Clear(); // Another edit came first: apply this one to its result.
                continue;
            }

            // Committed: the caller going away must not skip the cache (UpdatedProfileCacheHandler repeats it durably).
            await cache.SetAsync(ShownAvatar.Summary(user), CancellationToken.None);
            return MyProfileResponse.From(user);
        }
    }
}
