using Coo.Modules.Users.Contracts;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

/// <summary>The profile edit for other modules' callers (the Mastodon API's update_credentials): the same command.</summary>
internal sealed class UpdateProfileHandler(ISender sender) : ICommandHandler<UpdateProfile, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(UpdateProfile command, CancellationToken cancellationToken)
    {
        var updated = await sender.Send(new UpdateMyProfile(command.UserId, command.DisplayName, command.Bio), cancellationToken);
        return updated.IsSuccess ? Unit.Value : updated.Error!;
    }
}
