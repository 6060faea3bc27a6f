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
            // A rotation in flight holds its token's row until it commits, and the revoke waits for it, then revokes that
            // token but not the successor it could not see. Again until nothing is left: then no rotation was in flight.
            var now = time.GetUtcNow();
            while (await RefreshSessionHandler.RevokeFamilyAsync(db, family, now, cancellationToken) > 0)
            {
                // Revoked some: look once more for a successor committed meanwhile.
            }
        }

        return Unit.Value;
    }
}
