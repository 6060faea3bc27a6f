using Coo.Host.Features.Users;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coo.Host.Features.Follows;

/// <summary>Application endpoints for following: usernames resolved by Users, the graph kept by Follows.</summary>
internal static class FollowEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var user = api.MapGroup("/users/{username}").WithTags("Follows");
        user.MapPut("/follow", FollowAsync).WithName("FollowUser").WithSummary("Follow a user (idempotent)")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Following);
        user.MapDelete("/follow", UnfollowAsync).WithName("UnfollowUser").WithSummary("Unfollow a user (idempotent)").RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Following);
        user.MapGet("/followers", (string username, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
                ListAsync(username, limit, cursor, sender, http, (userId, before, take) => new GetFollowers(userId, before, take), cancellationToken))
            .WithName("ListFollowers").WithSummary("Who follows a user, newest first").ProducesValidationProblem().AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Reads);
        user.MapGet("/following", (string username, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
                ListAsync(username, limit, cursor, sender, http, (userId, before, take) => new GetFollowing(userId, before, take), cancellationToken))
            .WithName("ListFollowing").WithSummary("Whom a user follows, newest first").ProducesValidationProblem().AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Reads);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> FollowAsync(
        string username, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ChangeFollowAsync(username, sender, http, (follower, followee) => new FollowUser(follower, followee), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> UnfollowAsync(
        string username, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ChangeFollowAsync(username, sender, http, (follower, followee) => new UnfollowUser(follower, followee), cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeFollowAsync(
        string username,
        ISender sender,
        HttpContext http,
        Func<long, long, ICommand<Result<Unit>>> command,
        CancellationToken cancellationToken)
    {
        var followee = await sender.Send(new GetUserByUsername(username), cancellationToken);
        if (followee is null)
        {
            return UserErrors.NotFound.ToProblem(http);
        }

        var result = await sender.Send(command(http.User.GetUserId(), followee.Id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem(http);
    }

    private static async Task<Results<Ok<PageResponse<UserResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string username,
        int? limit,
        string? cursor,
        ISender sender,
        HttpContext http,
        Func<long, long?, int, IQuery<IReadOnlyList<FollowEntry>>> query,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        var user = await sender.Send(new GetUserByUsername(username), cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound.ToProblem(http);
        }

        var fetched = await sender.Send(query(user.Id, beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, f => f.FollowId);
        var users = (await sender.Send(new GetUsersByIds([.. page.Select(f => f.UserId)]), cancellationToken)).ToDictionary(u => u.Id);
        var items = page
            .Where(f => users.ContainsKey(f.UserId))
            .Select(f => users[f.UserId])
            .Select(u => new UserResponse(u.Id, u.Username, u.DisplayName))
            .ToList();
        return TypedResults.Ok(new PageResponse<UserResponse>(items, nextCursor));
    }
}
