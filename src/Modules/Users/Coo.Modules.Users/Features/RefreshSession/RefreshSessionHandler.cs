using Coo.Modules.Users.Data;
using Coo.Modules.Users.Security;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.RefreshSession;

/// <summary>Rotates a refresh token. A token used twice has leaked: its whole family is revoked.</summary>
internal sealed class RefreshSessionHandler(UsersDbContext db, TokenIssuer tokens, TimeProvider time)
    : ICommandHandler<RefreshSession, Result<TokenResponse>>
{
    public async ValueTask<Result<TokenResponse>> Handle(RefreshSession command, CancellationToken cancellationToken)
    {
        var hash = TokenIssuer.Hash(command.RefreshToken);
        var presented = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (presented is null)
        {
            return UsersErrors.InvalidRefreshToken;
        }

        var now = time.GetUtcNow();
        if (presented.ExpiresAt <= now || presented.RevokedAt is not null)
        {
            return UsersErrors.InvalidRefreshToken;
        }

        // Claim, user load and new token share one transaction: a concurrent use of the same token blocks on the
        // claim until this one commits, then finds it used and revokes the family, the new token included.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == presented.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(db, presented.FamilyId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return UsersErrors.InvalidRefreshToken;
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == presented.UserId, cancellationToken);
        var (response, stored) = tokens.Issue(user, presented.FamilyId);
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    public static Task<int> RevokeFamilyAsync(UsersDbContext db, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
}
