using System.Text.Json;
using Coo.Host.Compositions.Streaming;
using Coo.Modules.Coos.Contracts;
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
    // The newest notifications read on each change. Their ids are those of the likes, follows and coos they are about,
    // not the order they were saved in: one saved late (a retried delivery) can sort below one already sent, so each
    // change reads this many and sends those not sent yet.
    private const int NotificationWindow = 40;

    // Ids already sent, or there when the stream opened; the oldest are forgotten past this many.
    private const int RememberedNotifications = 4 * NotificationWindow;

    private readonly SortedSet<long> _notificationsSeen = [];

    /// <summary>Only notifications that arrive from now on are sent: those there now are seen already.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = requestServices.CreateAsyncScope();
        var present = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetNotifications(viewerId, [], null, null, NotificationWindow), cancellationToken);
        Remember(present.Select(n => n.Id));
    }

    public async Task<List<MastodonStreamEvent>> ShowAsync(IReadOnlyList<UserEvent> batch, CancellationToken cancellationToken)
    {
        var events = await resolver.ResolveAsync(viewerId, batch).WaitAsync(cancellationToken);
        await using var scope = requestServices.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = services.GetRequiredService<ISender>();
        var statuses = services.GetRequiredService<MastodonStatuses>();

        // One Status per coo coming in (a reblog's id is its repost's), built with one lookup of their accounts.
        var shownStatuses = (await statuses.OfAsync([.. events.Select(e => e.Coo).OfType<CooResponse>()], cancellationToken)).ToDictionary(s => s.Id);
        List<MastodonStreamEvent> shown = [];
        foreach (var resolved in events)
        {
            if (resolved.Coo is { } coo && shownStatuses.TryGetValue(MastodonIds.Of(coo.RepostId ?? coo.Id), out var status))
            {
                shown.Add(new MastodonStreamEvent("update", JsonSerializer.Serialize(status, MastodonJson.Options), IsNotification: false));
            }
            else if (resolved.Event.Kind == UserEventKind.HomeCooRemoved)
            {
                shown.Add(new MastodonStreamEvent("delete", MastodonIds.Of(resolved.Event.SubjectId), IsNotification: false));
            }
        }

        if (events.Any(e => e.Event.Kind == UserEventKind.NotificationsChanged))
        {
            var newest = await sender.Send(new GetNotifications(viewerId, [], null, null, NotificationWindow), cancellationToken);
            var arrived = newest.Where(n => !_notificationsSeen.Contains(n.Id)).ToList();
            Remember(arrived.Select(n => n.Id));
            var notifications = await MastodonNotificationsEndpoint.ShowAsync(
                arrived, viewerId, sender, services.GetRequiredService<MastodonAccounts>(), statuses, cancellationToken);
            shown.AddRange(Enumerable.Reverse(notifications)
                .Select(notification => new MastodonStreamEvent("notification", JsonSerializer.Serialize(notification, MastodonJson.Options), IsNotification: true)));
        }

        return shown;
    }

    private void Remember(IEnumerable<long> ids)
    {
        _notificationsSeen.UnionWith(ids);
        while (_notificationsSeen.Count > RememberedNotifications)
        {
            _notificationsSeen.Remove(_notificationsSeen.Min);
        }
    }
}
