using Coo.Modules.Users.Data;
using Coo.Modules.Users.Features.RefreshSession;
using Coo.Modules.Users.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.SignOut;

/// <summary>Revokes the session the refresh token belongs to. Unknown tokens are ignored: signing out is idempotent.</summary>
internal sealed class SignOutHandler(UsersDbContext db, TimeProvider time) : ICommandHandler<SignOut>
{
    public async ValueTask<Unit> Handle(SignOut command, CancellationToken cancellationToken)
    {
        var hash = TokenIssuer.Hash(command.RefreshToken);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RefreshSessionHandler.RevokeFamilyAsync(db, family, time.GetUtcNow(), cancellationToken);
        }

        return Unit.Value;
    }
}
