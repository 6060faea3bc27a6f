using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coo.Host.Compositions.Streaming;

/// <summary>
/// The user's live stream (server-sent events): a coo coming into their home timeline (<c>update</c>, the coo as a
/// timeline shows it, from Coos; by a repost, with who reposted it from Users and the repost's id as its place), one leaving it (<c>delete</c>), and a change of their notifications
/// (<c>notification</c>, with the unread count from Notifications), each with its log id as the SSE id; a <c>heartbeat</c> on
/// opening and when idle. A reconnect sending
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
        .MapGet("/streaming/user", StreamAsync)
        .WithTags("Streaming").WithName("StreamUser")
        .WithSummary("Server-sent events: coos coming into and leaving your home timeline, changes of your notifications; resumes after Last-Event-ID")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .RequireAuthorization()
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamAsync(
        HttpContext http, IUserEventLog log, ISender sender, IOptions<LiveOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
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
        var events = new StreamedEvents(listener, sender, viewerId, options.Value.HeartbeatInterval, json.Value.SerializerOptions);
        return TypedResults.ServerSentEvents(events.ReadAsync(http.RequestAborted));
    }

    private sealed class StreamedEvents(IUserEventListener listener, ISender sender, long viewerId, TimeSpan heartbeat, JsonSerializerOptions json)
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

                await foreach (var item in ShowAsync(batch.Events, cancellationToken))
                {
                    yield return item;
                }
            }
        }

        private async IAsyncEnumerable<SseItem<string>> ShowAsync(IReadOnlyList<UserEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long[] repostIds = [.. events.Where(e => e.Kind == UserEventKind.HomeRepostAdded).Select(e => e.SubjectId).Distinct()];
            var reposts = repostIds.Length == 0
                ? []
                : (await sender.Send(new GetReposts(repostIds), cancellationToken)).ToDictionary(r => r.RepostId);
            var reposters = await Reposters.ByIdAsync(sender, reposts.Values.Select(r => r.UserId), cancellationToken);
            long[] added = [.. events.Where(e => e.Kind == UserEventKind.HomeCooAdded).Select(e => e.SubjectId).Concat(reposts.Values.Select(r => r.CooId)).Distinct()];
            var coos = added.Length == 0
                ? []
                : (await sender.Send(new GetCooResponses(added, viewerId), cancellationToken)).ToDictionary(c => c.Id);
            int? unread = events.Any(e => e.Kind == UserEventKind.NotificationsChanged)
                ? await sender.Send(new GetUnreadNotificationCount(viewerId), cancellationToken)
                : null;
            foreach (var userEvent in events)
            {
                var id = userEvent.Id.ToString();
                switch (userEvent.Kind)
                {
                    // A coo deleted since it was added is left out: its delete follows.
                    case UserEventKind.HomeCooAdded when coos.TryGetValue(userEvent.SubjectId, out var coo):
                        yield return new SseItem<string>(JsonSerializer.Serialize(coo, json), "update") { EventId = id };
                        break;
                    // An undone repost, or a coo or reposter gone since, is left out: the timeline no longer shows it.
                    case UserEventKind.HomeRepostAdded
                        when reposts.TryGetValue(userEvent.SubjectId, out var repost) && coos.TryGetValue(repost.CooId, out var reposted)
                            && reposters.TryGetValue(repost.UserId, out var reposter):
                        var shown = reposted with { RepostedBy = reposter, RepostId = repost.RepostId };
                        yield return new SseItem<string>(JsonSerializer.Serialize(shown, json), "update") { EventId = id };
                        break;
                    case UserEventKind.HomeCooRemoved:
                        yield return new SseItem<string>(JsonSerializer.Serialize(new SubjectEvent(userEvent.SubjectId), json), "delete") { EventId = id };
                        break;
                    case UserEventKind.NotificationsChanged:
                        yield return new SseItem<string>(JsonSerializer.Serialize(new NotificationEvent(userEvent.SubjectId, unread!.Value), json), "notification") { EventId = id };
                        break;
                }
            }
        }
    }

    /// <summary>The data of a <c>delete</c> event: the coo.</summary>
    private sealed record SubjectEvent(long Id);

    /// <summary>The data of a <c>notification</c> event: the group that changed, and how many are unread now.</summary>
    private sealed record NotificationEvent(long Id, int UnreadCount);
}
