using Coo.Modules.Coos.Contracts;
using Coo.Modules.Notifications.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// The caller's notifications one by one, as Mastodon's v1 list has them: a like is <c>favourite</c>, a repost
/// <c>reblog</c>, a follow <c>follow</c>, and a reply or a mention <c>mention</c>, with the coo it is about.
/// <c>types[]</c> and <c>exclude_types[]</c> filter by those names; other types Coo does not have. Paged by Mastodon's
/// parameters and <c>Link</c>.
/// </summary>
internal static class MastodonNotificationsEndpoint
{
    private static readonly Dictionary<string, NotificationKind[]> KindsByType = new(StringComparer.Ordinal)
    {
        ["mention"] = [NotificationKind.Reply, NotificationKind.Mention],
        ["favourite"] = [NotificationKind.Like],
        ["reblog"] = [NotificationKind.Repost],
        ["follow"] = [NotificationKind.Follow],
    };

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/notifications", ListAsync).RequireAuthorization().RequireScope(MastodonScopes.ReadNotifications);
        v1.MapGet("/notifications/{id}", GetAsync).RequireAuthorization().RequireScope(MastodonScopes.ReadNotifications);
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, ISender sender, MastodonAccounts accounts, MastodonStatuses statuses, MastodonUrls urls, CancellationToken cancellationToken)
    {
        if (!MastodonPaging.TryRead(http.Request, out var paging, out var error))
        {
            return error;
        }

        var kinds = Kinds(http.Request.Query);
        if (kinds.Count == 0)
        {
            return MastodonJson.Ok(Array.Empty<MastodonNotification>());
        }

        var userId = http.User.GetUserId();
        var entries = await sender.Send(
            new GetNotifications(userId, kinds.Count == Enum.GetValues<NotificationKind>().Length ? [] : kinds, paging.MaxId, paging.MinId ?? paging.SinceId, paging.Limit, NearestAfter: paging.MinId is not null),
            cancellationToken);
        if (entries.Count > 0)
        {
            MastodonPaging.Link(http.Response, $"{urls.Base}/api/v1/notifications", MastodonIds.Of(entries[0].Id), MastodonIds.Of(entries[^1].Id), paging.Limit, includeNext: true);
        }

        return MastodonJson.Ok(await ShowAsync(entries, userId, sender, accounts, statuses, cancellationToken));
    }

    /// <summary>One of the caller's notifications, by its id (another's is not found).</summary>
    private static async Task<IResult> GetAsync(
        string id, HttpContext http, ISender sender, MastodonAccounts accounts, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var sourceId) || sourceId == long.MaxValue)
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        var userId = http.User.GetUserId();
        var entries = await sender.Send(new GetNotifications(userId, [], BeforeId: sourceId + 1, AfterId: sourceId - 1, Limit: 1), cancellationToken);
        return await ShowAsync(entries, userId, sender, accounts, statuses, cancellationToken) is [var notification]
            ? MastodonJson.Ok(notification)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
    }

    /// <summary>Notifications as Mastodon shows them, with their accounts and statuses; one whose actor or coo is gone is left out.</summary>
    public static async Task<List<MastodonNotification>> ShowAsync(
        IReadOnlyList<NotificationEntry> entries, long userId, ISender sender, MastodonAccounts accounts, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        var people = await accounts.ByIdAsync([.. entries.Select(e => e.ActorId)], cancellationToken);
        var coos = await sender.Send(new GetCooResponses([.. entries.Select(e => e.CooId).OfType<long>().Distinct()], userId), cancellationToken);
        var shown = (await statuses.OfAsync(coos, cancellationToken)).ToDictionary(s => s.Id);

        // Someone gone since, or a coo deleted a moment ago whose notifications are not yet removed: not shown.
        List<MastodonNotification> page = [];
        foreach (var entry in entries)
        {
            MastodonStatus? status = null;
            if (!people.TryGetValue(entry.ActorId, out var actor) || (entry.CooId is { } cooId && !shown.TryGetValue(MastodonIds.Of(cooId), out status)))
            {
                continue;
            }

            var id = MastodonIds.Of(entry.Id);
            page.Add(new MastodonNotification(id, TypeOf(entry.Kind), entry.OccurredAt, $"ungrouped-{id}", actor.Account, status));
        }

        return page;
    }

    private static List<NotificationKind> Kinds(IQueryCollection query)
    {
        var included = query["types[]"].Concat(query["types"]).OfType<string>().ToList();
        var excluded = query["exclude_types[]"].Concat(query["exclude_types"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. KindsByType
            .Where(type => (included.Count == 0 || included.Contains(type.Key)) && !excluded.Contains(type.Key))
            .SelectMany(type => type.Value)];
    }

    private static string TypeOf(NotificationKind kind) => KindsByType.First(type => type.Value.Contains(kind)).Key;
}

/// <summary>Mastodon's Notification: one thing someone did that concerns the caller.</summary>
internal sealed record MastodonNotification(string Id, string Type, DateTimeOffset CreatedAt, string GroupKey, MastodonAccount Account, MastodonStatus? Status);
