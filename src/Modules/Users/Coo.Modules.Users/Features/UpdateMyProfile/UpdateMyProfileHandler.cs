using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

internal sealed class UpdateMyProfileHandler(UsersDbContext db, IEntityCache<UserSummary> cache, TimeProvider time)
    : ICommandHandler<UpdateMyProfile, Result<MyProfileResponse>>
{
    public async ValueTask<Result<MyProfileResponse>> Handle(UpdateMyProfile command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return UsersErrors.NotFound;
        }

        var displayName = command.DisplayName is null ? null : UserText.Clean(command.DisplayName);
        var bio = command.Bio is null ? null : UserText.Clean(command.Bio);
        if (user.UpdateProfile(displayName, bio))
        {
            db.Publish(new UserProfileUpdatedIntegrationEvent(
                Guid.CreateVersion7(), time.GetUtcNow(), user.Id, user.Username, user.DisplayName, user.Bio));
            await db.SaveChangesAsync(cancellationToken);
            await cache.SetAsync(new UserSummary(user.Id, user.Username, user.DisplayName), cancellationToken);
        }

        return MyProfileResponse.From(user);
    }
}
