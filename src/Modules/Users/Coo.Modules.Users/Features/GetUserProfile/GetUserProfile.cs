using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.GetUserProfile;

internal sealed record GetUserProfile(string Username) : IQuery<Result<UserProfileResponse>>;

internal sealed class GetUserProfileHandler(UsersDbContext db) : IQueryHandler<GetUserProfile, Result<UserProfileResponse>>
{
    public async ValueTask<Result<UserProfileResponse>> Handle(GetUserProfile query, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeUsername(query.Username);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        return user is null ? UsersErrors.NotFound : UserProfileResponse.From(user);
    }
}
