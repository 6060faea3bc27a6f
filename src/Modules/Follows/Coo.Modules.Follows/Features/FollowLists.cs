using System.Linq.Expressions;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Domain;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.Features;

/// <summary>What both follower lists share: the same keyset walk over the graph and the same page of users.</summary>
internal static class FollowLists
{
    /// <summary>One keyset page of follows, newest first.</summary>
    public static async ValueTask<IReadOnlyList<FollowEntry>> ReadAsync(
        IQueryable<Follow> follows, long? beforeFollowId, int limit, Expression<Func<Follow, FollowEntry>> toEntry, CancellationToken cancellationToken)
    {
        if (beforeFollowId is { } before)
        {
            follows = follows.Where(f => f.Id < before);
        }

        return await follows.AsNoTracking().OrderByDescending(f => f.Id).Take(limit).Select(toEntry).ToListAsync(cancellationToken);
    }

    /// <summary>The page of users <paramref name="query"/> lists for the user named <paramref name="username"/>.</summary>
    public static async Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
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
            .ToList();
        return TypedResults.Ok(new PageResponse<UserSummary>(items, nextCursor));
    }
}
