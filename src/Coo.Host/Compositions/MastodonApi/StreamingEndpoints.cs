using System.Text.Json;
using Coo.Host.Compositions.Streaming;
using Coo.Modules.Notifications.Contracts;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's streaming API over server-sent events, from the same per-user event log as Coo's own stream:
/// <c>/api/v1/streaming/user</c> sends <c>update</c> (a Status coming into the home timeline), <c>delete</c> (a status id
/// leaving it) and <c>notification</c> (each new Notification); <c>/user/notification</c> only the notifications.
/// Written as Mastodon's streaming server writes them: <c>event</c> and <c>data</c> lines, and while idle a
/// <c>:thump</c> comment line with no blank line after it (Mastodon.py reads a blank line as an event without a name);
/// no event ids, as Mastodon resumes nothing. An app may send its token as <c>access_token</c> in the query, as
/// browsers' streams cannot send headers.
/// </summary>
internal static class StreamingEndpoints
{
    // Notifications that arrive in one batch, at most: more in one moment are a burst the app reloads anyway.
    private const int NotificationsPerBatch = 40;

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/streaming/health", () => Results.Text("OK")).AllowAnonymous();
        v1.MapGet("/streaming/user", (HttpContext http, IUserEventLog log, ResolvedEvents resolver, IOptions<LiveOptions> options) =>
                StreamAsync(http, log, resolver, options.Value, notificationsOnly: false))
            .RequireAuthorization()
            .RequireScope(MastodonScopes.ReadStatuses);
        v1.MapGet("/streaming/user/notification", (HttpContext http, IUserEventLog log, ResolvedEvents resolver, IOptions<LiveOptions> options) =>
                StreamAsync(http, log, resolver, options.Value, notificationsOnly: true))
            .RequireAuthorization()
            .RequireScope(MastodonScopes.ReadNotifications);
    }

    private static async Task<IResult> StreamAsync(HttpContext http, IUserEventLog log, ResolvedEvents resolver, LiveOptions options, bool notificationsOnly)
    {
        var viewerId = http.User.GetUserId();
        var cancellationToken = http.RequestAborted;
        IUserEventListener? listener;
        try
        {
            listener = await log.ListenAsync(viewerId, lastEventId: null, cancellationToken);
        }
        catch (LiveEventsUnavailableException)
        {
            http.Response.Headers.RetryAfter = "5";
            return MastodonJson.Error(StatusCodes.Status503ServiceUnavailable, "Streaming is unavailable for a moment; reconnect shortly");
        }

        if (listener is null)
        {
            return MastodonJson.Error(StatusCodes.Status429TooManyRequests, "As many streams are open as one account may have; close one first");
        }

        await using var _ = listener;
        var stream = new MastodonEventStream(http, viewerId, notificationsOnly);
        await stream.OpenAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await listener.NextAsync(options.HeartbeatInterval, cancellationToken);
                if (batch.Events.Count == 0)
                {
                    await stream.WriteAsync(":thump\n", cancellationToken);
                    continue;
                }

                await stream.SendAsync(await resolver.ResolveAsync(viewerId, batch.Events).WaitAsync(cancellationToken), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app closed the stream.
        }

        return Results.Empty;
    }

    /// <summary>One open stream: what it has sent of the user's notifications, and how it writes events.</summary>
    private sealed class MastodonEventStream(HttpContext http, long viewerId, bool notificationsOnly)
    {
        private long? _lastNotificationId;

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            // Only notifications that arrive from now on are sent: the newest one now is where they start.
            await using var scope = http.RequestServices.CreateAsyncScope();
            var newest = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetNotifications(viewerId, [], null, null, 1), cancellationToken);
            _lastNotificationId = newest.Count > 0 ? newest[0].Id : null;

            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-store";

            // Proxies must pass each event on at once, not collect the response.
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(":)\n", cancellationToken);
        }

        public async Task SendAsync(IReadOnlyList<ResolvedEvent> events, CancellationToken cancellationToken)
        {
            // A scope per batch: the stream may stay open for hours, the services it reads through must not.
            await using var scope = http.RequestServices.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var sender = services.GetRequiredService<ISender>();
            var statuses = services.GetRequiredService<MastodonStatuses>();
            foreach (var resolved in events)
            {
                if (resolved.Coo is { } coo && !notificationsOnly)
                {
                    foreach (var status in await statuses.OfAsync([coo], cancellationToken))
                    {
                        await EventAsync("update", JsonSerializer.Serialize(status, MastodonJson.Options), cancellationToken);
                    }
                }
                else if (resolved.Event.Kind == UserEventKind.HomeCooRemoved && !notificationsOnly)
                {
                    await EventAsync("delete", MastodonIds.Of(resolved.Event.SubjectId), cancellationToken);
                }
            }

            if (events.Any(e => e.Event.Kind == UserEventKind.NotificationsChanged))
            {
                var arrived = await sender.Send(
                    new GetNotifications(viewerId, [], BeforeId: null, AfterId: _lastNotificationId, NotificationsPerBatch, NearestAfter: true), cancellationToken);
                if (arrived.Count > 0)
                {
                    _lastNotificationId = arrived[0].Id;
                }

                var shown = await MastodonNotificationsEndpoint.ShowAsync(
                    arrived, viewerId, sender, services.GetRequiredService<MastodonAccounts>(), statuses, cancellationToken);
                foreach (var notification in Enumerable.Reverse(shown))
                {
                    await EventAsync("notification", JsonSerializer.Serialize(notification, MastodonJson.Options), cancellationToken);
                }
            }
        }

        public async Task WriteAsync(string text, CancellationToken cancellationToken)
        {
            await http.Response.WriteAsync(text, cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
        }

        private Task EventAsync(string name, string data, CancellationToken cancellationToken) =>
            WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
    }
}
