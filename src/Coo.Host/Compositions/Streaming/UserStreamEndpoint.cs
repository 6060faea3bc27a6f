using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coo.Host.Compositions.Streaming;

/// <summary>
/// The user's live stream (server-sent events): their events as <see cref="ShownEvents"/> shows them, and a
/// <c>heartbeat</c> on opening and when idle. A reconnect sending
/// <c>Last-Event-ID</c> gets exactly the events after it while the log still holds them (<see cref="LiveOptions.Linger"/>
/// after the last stream closed), else <c>resync</c>: reload timeline and notifications.
/// </summary>
internal static class UserStreamEndpoint
{
    private static readonly Error TooManyStreams = new(
        "streaming.too-many-streams", "You have as many streams open as one account may; close one first.", ErrorKind.TooManyRequests);

    private static readonly Error Unavailable = new(
        "streaming.unavailable", "Live updates are unavailable for a moment; reconnect shortly.", ErrorKind.Unavailable)
    {
        RetryAfter = TimeSpan.FromSeconds(5),
    };

    public static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/users/me/stream", StreamAsync)
        .WithTags("Streaming").WithName("StreamUser")
        .WithSummary("Server-sent events: coos coming into and leaving your home timeline, changes of your notifications; resumes after Last-Event-ID")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.ReadStatuses)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamAsync(
        HttpContext http, IUserEventLog log, ShownEvents shown, IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var viewerId = http.User.GetUserId();
        UserEventId? lastEventId = UserEventId.TryParse(http.Request.Headers["Last-Event-ID"], out var last) ? last : null;
        IUserEventListener? listener;
        try
        {
            listener = await log.ListenAsync(viewerId, lastEventId, cancellationToken);
        }
        catch (LiveEventsUnavailableException)
        {
            return Unavailable.ToProblem(http);
        }

        if (listener is null)
        {
            return TooManyStreams.ToProblem(http);
        }

        // Proxies must pass each event on at once, not collect the response.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var events = new StreamedEvents(listener, shown, viewerId, options.Value.HeartbeatInterval, StreamCredentials.Of(http));
        return TypedResults.ServerSentEvents(events.ReadAsync(http.RequestAborted));
    }

    private sealed class StreamedEvents(IUserEventListener listener, ShownEvents shown, long viewerId, TimeSpan heartbeat, StreamCredentials credentials)
    {
        private static readonly SseItem<string> Heartbeat = new("{}", "heartbeat");

        public async IAsyncEnumerable<SseItem<string>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var _ = listener;

            // Headers go out with the first bytes: without them a client would not know it is connected until an event.
            yield return Heartbeat;
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await listener.NextAsync(heartbeat, cancellationToken);
                if (!await credentials.StillAcceptedAsync(cancellationToken))
                {
                    yield break;
                }

                if (batch.Gap)
                {
                    yield return new SseItem<string>("{}", "resync") { EventId = batch.Events.Count > 0 ? batch.Events[^1].Id.ToString() : null };
                    continue;
                }

                if (batch.Events.Count == 0)
                {
                    yield return Heartbeat;
                    continue;
                }

                foreach (var item in await shown.ShowAsync(viewerId, batch.Events).WaitAsync(cancellationToken))
                {
                    yield return item;
                }
            }
        }
    }
}
