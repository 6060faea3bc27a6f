using Coo.Modules.Notifications.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Notifications.Features.UnreadCount;

internal sealed record UnreadCountResponse(int Count);

internal static class UnreadCountEndpoint
{
    public static void Map(IEndpointRouteBuilder notifications) => notifications
        .MapGet("/unread-count", async (ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            TypedResults.Ok(new UnreadCountResponse(await sender.Send(new GetUnreadNotificationCount(http.User.GetUserId()), cancellationToken))))
        .WithName("GetUnreadNotificationsCount")
        .WithSummary("How many of your notifications you have not read (at most 1,000)")
        .RequireAuthorization()
        .RequireScope(MastodonScopes.ReadNotifications)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
