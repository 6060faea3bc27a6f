using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

/// <summary>A partial update: a field left out (null) keeps its value; an empty display name falls back to the username.</summary>
internal sealed record UpdateMyProfile(long UserId, string? DisplayName, string? Bio) : ICommand<Result<MyProfileResponse>>;

/// <summary>The body of <c>PATCH /users/me</c>.</summary>
internal sealed record UpdateMyProfileRequest(string? DisplayName = null, string? Bio = null);
