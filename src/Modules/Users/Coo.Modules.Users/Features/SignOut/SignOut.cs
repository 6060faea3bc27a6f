using Mediator;

namespace Coo.Modules.Users.Features.SignOut;

internal sealed record SignOut(string RefreshToken = "") : ICommand;
