using Coo.Modules.Users.Security;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Features.SignIn;

/// <param name="Username">The username, or the account's e-mail address.</param>
internal sealed record SignIn(string Username, string Password) : ICommand<Result<TokenResponse>>;
