using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Modules.Users.Security;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.SignIn;

internal sealed class SignInHandler(
    UsersDbContext db,
    IPasswordHasher<User> passwordHasher,
    TokenIssuer tokens,
    TimeProvider time) : ICommandHandler<SignIn, Result<TokenResponse>>
{
    // Verifying against a real hash for unknown users keeps the response time from telling which usernames exist.
    private static readonly string UnknownUserHash = new PasswordHasher<User>().HashPassword(null!, "not-a-password-of-anyone");

    public async ValueTask<Result<TokenResponse>> Handle(SignIn command, CancellationToken cancellationToken)
    {
        var login = command.Username.Trim();
        var user = login.Contains('@', StringComparison.Ordinal)
            ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == User.NormalizeEmail(login), cancellationToken)
            : await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == User.NormalizeUsername(login), cancellationToken);
        if (user is null)
        {
            passwordHasher.VerifyHashedPassword(null!, UnknownUserHash, command.Password);
            return UsersErrors.InvalidCredentials;
        }

        var now = time.GetUtcNow();
        if (user.RemainingLockout(now) is { } remaining)
        {
            return UsersErrors.LockedOut(remaining);
        }

        var verification = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, command.Password);
        if (verification == PasswordVerificationResult.Failed)
        {
            user.RecordFailedSignIn(now);
            await db.SaveChangesAsync(cancellationToken);
            return user.RemainingLockout(now) is { } lockout ? UsersErrors.LockedOut(lockout) : UsersErrors.InvalidCredentials;
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(passwordHasher.HashPassword(user, command.Password));
        }

        user.RecordSuccessfulSignIn();
        var (response, stored) = tokens.Issue(user, familyId: Guid.CreateVersion7());
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
