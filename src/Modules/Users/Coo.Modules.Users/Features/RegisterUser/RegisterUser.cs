using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Features.RegisterUser;

internal sealed record RegisterUser(string Username, string Email, string Password, string? DisplayName = null)
    : ICommand<Result<MyProfileResponse>>;
