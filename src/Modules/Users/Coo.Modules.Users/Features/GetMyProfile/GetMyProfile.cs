using Coo.Modules.Users.Data;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.GetMyProfile;

internal sealed record GetMyProfile(long UserId) : IQuery<Result<MyProfileResponse>>;

internal sealed class GetMyProfileHandler(UsersDbContext db) : IQueryHandler<GetMyProfile, Result<MyProfileResponse>>
{
    public async ValueTask<Result<MyProfileResponse>> Handle(GetMyProfile query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UserId, cancellationToken);
        return user is null ? UsersErrors.NotFound : MyProfileResponse.From(user);
    }
}
