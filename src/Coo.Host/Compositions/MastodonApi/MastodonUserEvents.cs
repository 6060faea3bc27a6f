using System.Text.Json;
using Coo.Host.Compositions.Streaming;
using Coo.Modules.Notifications.Contracts;
using Coo.Shared.Infrastructure.Live;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>One event of Mastodon's <c>user</c> stream: its name and payload, and whether <c>user:notification</c> has it too.</summary>
internal sealed record MastodonStreamEvent(string Name, string Payload, bool IsNotification);

/// <summary>
/// A user's events as one open Mastodon stream shows them: <c>update</c> (a Status coming into the home timeline, a
/// reblog for a repost), <c>delete</c> (a status id leaving it) and <c>notification</c> (each Notification that arrived
/// since the stream opened, oldest first). Services are resolved per batch: a stream may stay open for hours, the
/// services it reads through must not.
/// </summary>
internal sealed class MastodonUserEvents(IServiceProvider requestServices, ResolvedEvents resolver, long viewerId)
{
    // Notifications that arrive in one batch, at most: more in one moment are a burst the app reloads anyway.
    private const int NotificationsPerBatch = 40;

    private long? _lastNotificationId;

    /// <summary>Only notifications that arrive from now on are sent: the newest one now is where they start.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = requestServices.CreateAsyncScope();
        var newest = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetNotifications(viewerId, [], null, null, 1), cancellationToken);
        _lastNotificationId = newest.Count > 0 ? newest[0].Id : null;
    }

    public async Task<List<MastodonStreamEvent>> ShowAsync(IReadOnlyList<UserEvent> batch, CancellationToken cancellationToken)
    {
        var events = await resolver.ResolveAsync(viewerId, batch).WaitAsync(cancellationToken);
        await using var scope = requestServices.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = services.GetRequiredService<ISender>();
        var statuses = services.GetRequiredService<MastodonStatuses>();
        List<MastodonStreamEvent> shown = [];
        foreach (var resolved in events)
        {
            if (resolved.Coo is { } coo)
            {
                shown.AddRange((await statuses.OfAsync([coo], cancellationToken))
                    .Select(status => new MastodonStreamEvent("update", JsonSerializer.Serialize(status, MastodonJson.Options), IsNotification: false)));
            }
            else if (resolved.Event.Kind == UserEventKind.HomeCooRemoved)
            {
                shown.Add(new MastodonStreamEvent("delete", MastodonIds.Of(resolved.Event.SubjectId), IsNotification: false));
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

            var notifications = await MastodonNotificationsEndpoint.ShowAsync(
                arrived, viewerId, sender, services.GetRequiredService<MastodonAccounts>(), statuses, cancellationToken);
            shown.AddRange(Enumerable.Reverse(notifications)
                .Select(notification => new MastodonStreamEvent("notification", JsonSerializer.Serialize(notification, MastodonJson.Options), IsNotification: true)));
        }

        return shown;
    }
}
