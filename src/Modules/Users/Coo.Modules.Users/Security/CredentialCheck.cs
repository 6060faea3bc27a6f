using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Security;

/// <summary>
/// Checks a username (or e-mail) and password, counting failures towards the account's lock-out: signing in and the
/// OAuth password grant (<see cref="Contracts.VerifyCredentials"/>) both go through it.
/// </summary>
internal sealed class CredentialCheck(UsersDbContext db, IPasswordHasher<User> passwordHasher, TimeProvider time)
{
    // Verifying against a real hash for unknown users keeps the response time from telling which usernames exist.
    private static readonly string UnknownUserHash = new PasswordHasher<User>().HashPassword(null!, "not-a-password-of-anyone");

    public async Task<Result<User>> CheckAsync(string username, string password, CancellationToken cancellationToken)
    {
        var login = username.Trim();

        // No account's name or e-mail holds a control character, and PostgreSQL cannot even compare a NUL: no lookup.
        var user = !UserText.IsAcceptable(login, allowLineBreaks: false) ? null
            : login.Contains('@', StringComparison.Ordinal)
            ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == User.NormalizeEmail(login), cancellationToken)
            : await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == User.NormalizeUsername(login), cancellationToken);
        if (user is null)
        {
            passwordHasher.VerifyHashedPassword(null!, UnknownUserHash, password);
            return UsersErrors.InvalidCredentials;
        }

        var now = time.GetUtcNow();
        if (user.RemainingLockout(now) is { } remaining)
        {
            return UsersErrors.LockedOut(remaining);
        }

        // The attempt is counted before the password is checked, atomically and only while the account is not
        // locked, so that a burst of parallel guesses gets at most SignInLockout.MaxFailedSignIns of them verified.
        var users = db.Users.Where(u => u.Id == user.Id);
        var counted = await users
            .Where(u => u.LockedOutUntil == null || u.LockedOutUntil <= now)
            .ExecuteUpdateAsync(
                u => u
                    // Past an expired lock-out the count starts again; during one it only grows, so every reader
                    // sees at least its own attempt.
                    .SetProperty(x => x.FailedSignInCount, x => x.LockedOutUntil != null ? 1 : x.FailedSignInCount + 1)
                    .SetProperty(x => x.LockedOutUntil, (DateTimeOffset?)null),
                cancellationToken);
        var (attempts, lockedOutUntil) = await users
            .Select(u => new ValueTuple<int, DateTimeOffset?>(u.FailedSignInCount, u.LockedOutUntil))
            .SingleAsync(cancellationToken);
        if (counted == 0)
        {
            return UsersErrors.LockedOut(SignInLockout.RefusedAttemptWait(lockedOutUntil, now));
        }

        if (SignInLockout.LocksUnchecked(attempts))
        {
            return await LockAsync(users, now, cancellationToken);
        }

        var verification = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            return SignInLockout.WrongPasswordLocks(attempts)
                ? await LockAsync(users, now, cancellationToken)
                : UsersErrors.InvalidCredentials;
        }

        await users.ExecuteUpdateAsync(
            u => u.SetProperty(x => x.FailedSignInCount, 0).SetProperty(x => x.LockedOutUntil, (DateTimeOffset?)null),
            cancellationToken);
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(passwordHasher.HashPassword(user, password));
        }

        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    private static async Task<Result<User>> LockAsync(IQueryable<User> users, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockedOutUntil, SignInLockout.LockedUntil(now)), cancellationToken);
        return UsersErrors.LockedOut(SignInLockout.Duration);
    }
}
