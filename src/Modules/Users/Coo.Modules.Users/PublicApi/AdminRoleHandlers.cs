using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.PublicApi;

internal sealed class SetAdminRoleHandler(UsersDbContext db) : ICommandHandler<SetAdminRole, Result<AdminRoleChange>>
{
    public async ValueTask<Result<AdminRoleChange>> Handle(SetAdminRole command, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeUsername(command.Username.Trim());
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        if (user is null)
        {
            return UsersErrors.NotFound;
        }

        var changed = user.SetAdmin(command.IsAdmin);
        await db.SaveChangesAsync(cancellationToken);
        return new AdminRoleChange(user.Username, changed);
    }
}

internal sealed class ListAdminsHandler(UsersDbContext db) : IQueryHandler<ListAdmins, IReadOnlyList<UserSummary>>
{
    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListAdmins query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.IsAdmin)
            .OrderBy(u => u.NormalizedUsername)
            .Select(u => ShownAvatar.Summary(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.AvatarSmallUrl))
            .ToListAsync(cancellationToken);
}
