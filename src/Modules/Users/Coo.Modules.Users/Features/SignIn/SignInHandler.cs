using Coo.Modules.Users.Data;
using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Features.SignIn;

internal sealed class SignInHandler(
    UsersDbContext db,
    CredentialCheck credentials,
    TokenIssuer tokens,
    CooMetrics metrics) : ICommandHandler<SignIn, Result<TokenResponse>>
{
    public async ValueTask<Result<TokenResponse>> Handle(SignIn command, CancellationToken cancellationToken)
    {
        var checkedUser = await credentials.CheckAsync(command.Username, command.Password, cancellationToken);
        if (checkedUser.Error is { } error)
        {
            metrics.SignInFailed(error.Code);
            return error;
        }

        var (response, stored) = tokens.Issue(checkedUser.Value, familyId: Guid.CreateVersion7());
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
