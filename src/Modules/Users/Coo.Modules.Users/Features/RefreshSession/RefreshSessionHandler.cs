using Coo.Modules.Users.Data;
using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.RefreshSession;

/// <summary>
/// Rotates a refresh token. A token used again within <see cref="AuthSettings.RefreshReuseGracePeriod"/> of its first
/// use (two tabs reloading at once, a retried request) yields the same successor again; used again later, it has
/// leaked, and its whole family is revoked.
/// </summary>
internal sealed class RefreshSessionHandler(UsersDbContext db, TokenIssuer tokens, AuthSettings settings, TimeProvider time)
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
        // claim until this one commits, then finds it used, and the successor this one stored.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == presented.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == presented.UserId, cancellationToken);
        if (claimed == 0)
        {
            var successor = await GraceSuccessorAsync(presented.Id, presented.FamilyId, command.RefreshToken, now, cancellationToken);
            if (successor is null)
            {
                await RevokeFamilyAsync(db, presented.FamilyId, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return successor is null ? UsersErrors.InvalidRefreshToken : tokens.Reissue(user, successor);
        }

        var (response, stored) = tokens.Rotate(user, presented.FamilyId, command.RefreshToken);
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    public static Task<int> RevokeFamilyAsync(UsersDbContext db, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);

    /// <summary>
    /// The successor of a token that was used less than the grace period ago and is still valid, as handed out then;
    /// null when the reuse came too late or the session has been revoked since.
    /// </summary>
    private async Task<string?> GraceSuccessorAsync(long presentedId, Guid familyId, string presented, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.Id == presentedId)
            .Select(t => new { t.UsedAt, t.RevokedAt })
            .SingleAsync(cancellationToken);
        if (state.RevokedAt is not null || state.UsedAt is not { } usedAt || now - usedAt >= settings.RefreshReuseGracePeriod)
        {
            return null;
        }

        var successors = tokens.Successors(presented);
        var hashes = successors.Select(s => s.Hash).ToList();
        var stored = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.FamilyId == familyId && hashes.Contains(t.TokenHash) && t.RevokedAt == null)
            .Select(t => new { t.TokenHash, t.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        return stored is not null && stored.ExpiresAt > now ? successors.First(s => s.Hash == stored.TokenHash).Token : null;
    }
}
