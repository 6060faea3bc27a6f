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
/// A user event with what showing it takes: the coo coming into the home timeline (<see cref="UserEventKind.HomeCooAdded"/>,
/// or by a repost, with who reposted it and the repost's id as its place), or the unread count after a change of the
/// notifications.
/// </summary>
internal sealed record ResolvedEvent(UserEvent Event, CooResponse? Coo = null, int? UnreadCount = null);

/// <summary>
/// A batch of a user's events with what showing them takes, from the modules: the coos from Coos, reposters from Users,
/// the unread count from Notifications. Resolved once per batch on this instance: the user's streams here that a ring
/// wakes share one read of the log, the same batch, so a user with five tabs (or apps) open costs one resolution. A coo
/// or repost gone since it was added is left out (its delete follows). It runs in a scope of its own, as any of those
/// streams may end meanwhile.
/// </summary>
internal sealed class ResolvedEvents(IServiceScopeFactory scopes)
{
    private readonly ConditionalWeakTable<IReadOnlyList<UserEvent>, Lazy<Task<List<ResolvedEvent>>>> _resolved = [];

    public Task<List<ResolvedEvent>> ResolveAsync(long viewerId, IReadOnlyList<UserEvent> events) =>
        _resolved.GetValue(events, batch => new Lazy<Task<List<ResolvedEvent>>>(() => ResolveNowAsync(viewerId, batch))).Value;

    private async Task<List<ResolvedEvent>> ResolveNowAsync(long viewerId, IReadOnlyList<UserEvent> events)
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
        List<ResolvedEvent> resolved = [];
        foreach (var userEvent in events)
        {
            switch (userEvent.Kind)
            {
                case UserEventKind.HomeCooAdded when coos.TryGetValue(userEvent.SubjectId, out var coo):
                    resolved.Add(new ResolvedEvent(userEvent, coo));
                    break;
                case UserEventKind.HomeRepostAdded
                    when reposts.TryGetValue(userEvent.SubjectId, out var repost) && coos.TryGetValue(repost.CooId, out var reposted)
                        && reposters.TryGetValue(repost.UserId, out var reposter):
                    resolved.Add(new ResolvedEvent(userEvent, reposted with { RepostedBy = reposter, RepostId = repost.RepostId }));
                    break;
                case UserEventKind.HomeCooRemoved:
                    resolved.Add(new ResolvedEvent(userEvent));
                    break;
                case UserEventKind.NotificationsChanged:
                    resolved.Add(new ResolvedEvent(userEvent, UnreadCount: unread));
                    break;
            }
        }

        return resolved;
    }
}

/// <summary>
/// A batch of a user's events as Coo's own stream shows them: a coo coming into their home timeline (<c>update</c>, the
/// coo as a timeline shows it), one leaving it (<c>delete</c>), and a change of their notifications
/// (<c>notification</c>, with the unread count), each with its log id as the SSE id.
/// </summary>
internal sealed class ShownEvents(ResolvedEvents resolver, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task<List<SseItem<string>>> ShowAsync(long viewerId, IReadOnlyList<UserEvent> events)
    {
        List<SseItem<string>> shown = [];
        foreach (var resolved in await resolver.ResolveAsync(viewerId, events))
        {
            var (type, data) = resolved switch
            {
                { Coo: { } coo } => ("update", JsonSerializer.Serialize(coo, _json)),
                { UnreadCount: { } unread } => ("notification", JsonSerializer.Serialize(new NotificationEvent(resolved.Event.SubjectId, unread), _json)),
                _ => ("delete", JsonSerializer.Serialize(new SubjectEvent(resolved.Event.SubjectId), _json)),
            };
            shown.Add(new SseItem<string>(data, type) { EventId = resolved.Event.Id.ToString() });
        }

        return shown;
    }

    /// <summary>The data of a <c>delete</c> event: the coo.</summary>
    private sealed record SubjectEvent(long Id);

    /// <summary>The data of a <c>notification</c> event: the group that changed, and how many are unread now.</summary>
    private sealed record NotificationEvent(long Id, int UnreadCount);
}
