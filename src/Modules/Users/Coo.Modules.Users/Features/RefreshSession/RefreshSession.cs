using Coo.Modules.Users.Security;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Features.RefreshSession;

internal sealed record RefreshSession(string RefreshToken = "") : ICommand<Result<TokenResponse>>;
