using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Security;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.PublicApi;

internal sealed class VerifyCredentialsHandler(CredentialCheck credentials) : ICommandHandler<VerifyCredentials, Result<VerifiedUser>>
{
    public async ValueTask<Result<VerifiedUser>> Handle(VerifyCredentials command, CancellationToken cancellationToken)
    {
        var checkedUser = await credentials.CheckAsync(command.Username, command.Password, cancellationToken);
        return checkedUser.Error is { } error ? error : new VerifiedUser(checkedUser.Value.Id, checkedUser.Value.Username);
    }
}
