using Coo.Modules.Coos.Contracts;
using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Domain;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Notifications.Features.ListNotifications;

/// <summary>
/// One notification as clients show it: <see cref="Kind"/> (follow, like, repost, reply, mention), everyone who did it
/// (<see cref="ActorsCount"/>, the newest few named in <see cref="Actors"/>), and the coo it is about (the liked or
/// reposted coo, the reply, the coo that mentions you; null for a follow). <see cref="LatestId"/> places it in the list
/// and is what <c>POST /users/me/notifications/read</c> takes.
/// </summary>
internal sealed record NotificationResponse(
    long Id, string Kind, long LatestId, DateTimeOffset LatestAt, bool Unread, int ActorsCount, IReadOnlyList<UserSummary> Actors, CooResponse? Coo);

internal static class ListNotificationsEndpoint
{
    public static void Map(IEndpointRouteBuilder notifications) => notifications
        .MapGet("/", ListAsync)
        .WithName("ListNotifications")
        .WithSummary("Your notifications, newest first, grouped by what happened to which coo (filter with kind=like&kind=follow…)")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.ReadNotifications)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<Ok<PageResponse<NotificationResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        int? limit, string? cursor, string[]? kind, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        var kinds = new List<NotificationKind>();
        foreach (var name in kind ?? [])
        {
            if (!NotificationKinds.TryParse(name, out var parsed))
            {
                return NotificationsErrors.UnknownKind.ToProblem(http);
            }

            kinds.Add(parsed);
        }

        var userId = http.User.GetUserId();
        var fetched = await sender.Send(new GetNotificationGroups(userId, kinds, beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched.Groups, pageSize, g => g.LatestId);
        var actors = (await sender.Send(new GetUsersByIds([.. page.SelectMany(g => g.RecentActors).Distinct()]), cancellationToken)).ToDictionary(u => u.Id);
        var coos = (await sender.Send(new GetCooResponses([.. page.Where(g => g.CooId is not null).Select(g => g.CooId!.Value).Distinct()], userId), cancellationToken))
            .ToDictionary(c => c.Id);

        // A coo deleted a moment ago may still have a group until its event is handled: it is not shown.
        var items = page.Where(g => g.CooId is null || coos.ContainsKey(g.CooId.Value)).Select(g => new NotificationResponse(
            g.Id,
            NotificationKinds.Name(g.Kind),
            g.LatestId,
            g.LatestAt,
            g.LatestId > fetched.LastReadId,
            g.ActorsCount,
            [.. g.RecentActors.Where(actors.ContainsKey).Select(id => actors[id])],
            g.CooId is { } cooId ? coos[cooId] : null));
        return TypedResults.Ok(new PageResponse<NotificationResponse>([.. items], nextCursor));
    }
}
