using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Features.RegisterUser;

internal sealed class RegisterUserHandler(
    UsersDbContext db,
    SnowflakeIdGenerator ids,
    IPasswordHasher<User> passwordHasher,
    TimeProvider time) : ICommandHandler<RegisterUser, Result<MyProfileResponse>>
{
    public async ValueTask<Result<MyProfileResponse>> Handle(RegisterUser command, CancellationToken cancellationToken)
    {
        var username = command.Username.Trim();
        var email = command.Email.Trim();
        if (await FindConflictAsync(username, email, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var now = time.GetUtcNow();
        var user = User.Register(ids.NextId(), username, email, UserText.Clean(command.DisplayName), now);
        user.SetPasswordHash(passwordHasher.HashPassword(user, command.Password));
        db.Users.Add(user);
        db.Publish(new UserRegisteredIntegrationEvent(Guid.CreateVersion7(), now, user.Id, user.Username, user.DisplayName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Lost a race with a registration of the same name or address: report it as the check above would have.
            db.ChangeTracker.Clear();
            if (await FindConflictAsync(username, email, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }

        return MyProfileResponse.From(user);
    }

    private async Task<Error?> FindConflictAsync(string username, string email, CancellationToken cancellationToken)
    {
        var normalizedUsername = User.NormalizeUsername(username);
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalizedUsername, cancellationToken))
        {
            return UsersErrors.UsernameTaken;
        }

        var normalizedEmail = User.NormalizeEmail(email);
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken)
            ? UsersErrors.EmailTaken
            : null;
    }
}
