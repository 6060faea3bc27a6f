using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coo.Host.Compositions.UserProfile;

/// <summary>
/// A public profile: the Users module's profile with counts from Follows and Coos. <see cref="FollowedByYou"/>
/// tells a signed-in caller whether they follow this user, and is null for anonymous callers. <see cref="PinnedCoo"/> is
/// the coo the user pinned to show first, or null.
/// </summary>
internal sealed record UserProfileResponse(
    long Id,
    string Username,
    string DisplayName,
    string Bio,
    DateTimeOffset CreatedAt,
    string AvatarUrl,
    string AvatarSmallUrl,
    int FollowersCount,
    int FollowingCount,
    int CoosCount,
    bool? FollowedByYou,
    CooResponse? PinnedCoo);

/// <summary>A user's public profile, composed from Users, Follows and Coos.</summary>
internal static class UserProfileEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/users/{username}", GetProfileAsync)
        .WithTags("Users").WithName("GetUserProfile").WithSummary("A user's public profile, with counts and the pinned coo").AllowAnonymous()
        .RequireScope(MastodonScopes.ReadAccounts)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<Ok<UserProfileResponse>, ProblemHttpResult>> GetProfileAsync(
        string username, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var profile = await sender.Send(new GetUserProfile(username), cancellationToken);
        if (profile is null)
        {
            return UserErrors.NotFound.ToProblem(http);
        }

        var viewerId = http.User.FindUserId();
        var follows = await sender.Send(new GetFollowStats(profile.Id, viewerId), cancellationToken);
        var coos = await sender.Send(new GetCooCounts([profile.Id]), cancellationToken);
        var pinnedCoo = await sender.Send(new GetPinnedCoo(profile.Id, viewerId), cancellationToken);
        return TypedResults.Ok(new UserProfileResponse(
            profile.Id,
            profile.Username,
            profile.DisplayName,
            profile.Bio,
            profile.CreatedAt,
            profile.AvatarUrl,
            profile.AvatarSmallUrl,
            follows.FollowersCount,
            follows.FollowingCount,
            coos.GetValueOrDefault(profile.Id),
            viewerId is null ? null : follows.ViewerFollows,
            pinnedCoo));
    }
}
