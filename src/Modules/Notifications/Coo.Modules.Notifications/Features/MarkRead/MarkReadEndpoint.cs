using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Notifications.Features.MarkRead;

/// <summary><see cref="UpToId"/>: a notification's <c>latestId</c>; that one and everything older are read. Without it, all are.</summary>
internal sealed record MarkReadRequest(long? UpToId);

internal static class MarkReadEndpoint
{
    public static void Map(IEndpointRouteBuilder notifications) => notifications
        .MapPost("/read", async Task<NoContent> (MarkReadRequest? request, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            await sender.Send(new MarkRead(http.User.GetUserId(), request?.UpToId), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("MarkNotificationsRead")
        .WithSummary("Marks your notifications read up to one (its latestId), or all of them; the mark never moves back")
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteNotifications)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
