using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Live;
using Mediator;
using Microsoft.Extensions.Options;

namespace Coo.Host.Compositions.Streaming;

/// <summary>
/// A batch of a user's events as their streams show it: a coo coming into their home timeline (<c>update</c>, the coo
/// as a timeline shows it, from Coos; by a repost, with who reposted it from Users and the repost's id as its place),
/// one leaving it (<c>delete</c>), and a change of their notifications (<c>notification</c>, with the unread count
/// from Notifications), each with its log id as the SSE id. Made once per batch on this instance: the user's streams
/// here that a ring wakes share one read of the log, the same batch, so a user with five tabs open costs one showing.
/// It runs in a scope of its own, as any of those streams may end meanwhile.
/// </summary>
internal sealed class ShownEvents(IServiceScopeFactory scopes, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly ConditionalWeakTable<IReadOnlyList<UserEvent>, Lazy<Task<List<SseItem<string>>>>> _shown = [];
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public Task<List<SseItem<string>>> ShowAsync(long viewerId, IReadOnlyList<UserEvent> events) =>
        _shown.GetValue(events, batch => new Lazy<Task<List<SseItem<string>>>>(() => ShowNowAsync(viewerId, batch))).Value;

    private async Task<List<SseItem<string>>> ShowNowAsync(long viewerId, IReadOnlyList<UserEvent> events)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        long[] repostIds = [.. events.Where(e => e.Kind == UserEventKind.HomeRepostAdded).Select(e => e.SubjectId).Distinct()];
        var reposts = repostIds.Length == 0
            ? []
            : (await sender.Send(new GetReposts(repostIds))).ToDictionary(r => r.RepostId);
        var reposters = await Reposters.ByIdAsync(sender, reposts.Values.Select(r => r.UserId), CancellationToken.None);
        long[] added = [.. events.Where(e => e.Kind == UserEventKind.HomeCooAdded).Select(e => e.SubjectId).Concat(reposts.Values.Select(r => r.CooId)).Distinct()];
        var coos = added.Length == 0
            ? []
            : (await sender.Send(new GetCooResponses(added, viewerId))).ToDictionary(c => c.Id);
        int? unread = events.Any(e => e.Kind == UserEventKind.NotificationsChanged)
            ? await sender.Send(new GetUnreadNotificationCount(viewerId))
            : null;
        List<SseItem<string>> shown = [];
        foreach (var userEvent in events)
        {
            var id = userEvent.Id.ToString();
            switch (userEvent.Kind)
            {
                // A coo deleted since it was added is left out: its delete follows.
                case UserEventKind.HomeCooAdded when coos.TryGetValue(userEvent.SubjectId, out var coo):
                    shown.Add(new SseItem<string>(JsonSerializer.Serialize(coo, _json), "update") { EventId = id });
                    break;
                // An undone repost, or a coo or reposter gone since, is left out: the timeline no longer shows it.
                case UserEventKind.HomeRepostAdded
                    when reposts.TryGetValue(userEvent.SubjectId, out var repost) && coos.TryGetValue(repost.CooId, out var reposted)
                        && reposters.TryGetValue(repost.UserId, out var reposter):
                    var byRepost = reposted with { RepostedBy = reposter, RepostId = repost.RepostId };
                    shown.Add(new SseItem<string>(JsonSerializer.Serialize(byRepost, _json), "update") { EventId = id });
                    break;
                case UserEventKind.HomeCooRemoved:
                    shown.Add(new SseItem<string>(JsonSerializer.Serialize(new SubjectEvent(userEvent.SubjectId), _json), "delete") { EventId = id });
                    break;
                case UserEventKind.NotificationsChanged:
                    shown.Add(new SseItem<string>(JsonSerializer.Serialize(new NotificationEvent(userEvent.SubjectId, unread!.Value), _json), "notification") { EventId = id });
                    break;
            }
        }

        return shown;
    }

    /// <summary>The data of a <c>delete</c> event: the coo.</summary>
    private sealed record SubjectEvent(long Id);

    /// <summary>The data of a <c>notification</c> event: the group that changed, and how many are unread now.</summary>
    private sealed record NotificationEvent(long Id, int UnreadCount);
}
