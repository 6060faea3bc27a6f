using Coo.Modules.Follows.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Following and unfollowing through the Follows module's own commands (idempotent, as in Mastodon), and the
/// caller's Relationships to people. Coo has no locked accounts, blocks, mutes or notes, so those fields are false or
/// empty.
/// </summary>
internal static class FollowEndpoints
{
    /// <summary>Mastodon answers at most this many relationships at once.</summary>
    private const int MaxRelationships = 40;

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapPost("/accounts/{id}/follow", FollowAsync)
            .RequireAuthorization().RequireScope(MastodonScopes.WriteFollows).RequireRateLimiting(MastodonRateLimits.Following);
        v1.MapPost("/accounts/{id}/unfollow", UnfollowAsync)
            .RequireAuthorization().RequireScope(MastodonScopes.WriteFollows).RequireRateLimiting(MastodonRateLimits.Following);
        v1.MapGet("/accounts/relationships", RelationshipsAsync).RequireAuthorization().RequireScope(MastodonScopes.ReadFollows);
    }

    private static async Task<IResult> FollowAsync(string id, HttpContext http, ISender sender, MastodonAccounts accounts, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, accounts, cancellationToken) is not { } followee)
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        var userId = http.User.GetUserId();
        var followed = await sender.Send(new FollowUser(userId, followee), cancellationToken);
        return followed.IsSuccess ? await RelationshipAsync(sender, userId, followee, cancellationToken) : followed.Error!.ToProblem(http);
    }

    private static async Task<IResult> UnfollowAsync(string id, HttpContext http, ISender sender, MastodonAccounts accounts, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, accounts, cancellationToken) is not { } followee)
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        var userId = http.User.GetUserId();
        var unfollowed = await sender.Send(new UnfollowUser(userId, followee), cancellationToken);
        return unfollowed.IsSuccess ? await RelationshipAsync(sender, userId, followee, cancellationToken) : unfollowed.Error!.ToProblem(http);
    }

    /// <summary><c>id[]=1&amp;id[]=2</c> (or <c>id=1</c>): one Relationship per id that names someone, in the order asked.</summary>
    private static async Task<IResult> RelationshipsAsync(HttpContext http, ISender sender, MastodonAccounts accounts, CancellationToken cancellationToken)
    {
        List<long> ids = [];
        foreach (var text in http.Request.Query["id[]"].Concat(http.Request.Query["id"]).Take(MaxRelationships))
        {
            if (MastodonIds.TryRead(text, out var id) && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        var known = await accounts.ByIdAsync(ids, cancellationToken);
        var people = ids.Where(known.ContainsKey).ToList();
        var relations = people.Count == 0
            ? new Dictionary<long, FollowRelation>()
            : await sender.Send(new GetFollowRelations(http.User.GetUserId(), people), cancellationToken);
        return MastodonJson.Ok(people.Select(id => MastodonRelationship.Of(id, relations.GetValueOrDefault(id))).ToList());
    }

    private static async Task<long?> FindAsync(string id, MastodonAccounts accounts, CancellationToken cancellationToken) =>
        MastodonIds.TryRead(id, out var userId) && (await accounts.ByIdAsync([userId], cancellationToken)).ContainsKey(userId) ? userId : null;

    private static async Task<IResult> RelationshipAsync(ISender sender, long viewerId, long userId, CancellationToken cancellationToken)
    {
        var relations = await sender.Send(new GetFollowRelations(viewerId, [userId]), cancellationToken);
        return MastodonJson.Ok(MastodonRelationship.Of(userId, relations.GetValueOrDefault(userId)));
    }
}

/// <summary>Mastodon's Relationship: how the caller and one person stand.</summary>
internal sealed record MastodonRelationship(
    string Id,
    bool Following,
    bool ShowingReblogs,
    bool Notifying,
    IReadOnlyList<string> Languages,
    bool FollowedBy,
    bool Blocking,
    bool BlockedBy,
    bool Muting,
    bool MutingNotifications,
    bool Requested,
    bool RequestedBy,
    bool DomainBlocking,
    bool Endorsed,
    string Note)
{
    public static MastodonRelationship Of(long userId, FollowRelation? relation) => new(
        MastodonIds.Of(userId),
        Following: relation?.Following ?? false,
        ShowingReblogs: relation?.Following ?? false,
        Notifying: false,
        Languages: [],
        FollowedBy: relation?.FollowedBy ?? false,
        Blocking: false,
        BlockedBy: false,
        Muting: false,
        MutingNotifications: false,
        Requested: false,
        RequestedBy: false,
        DomainBlocking: false,
        Endorsed: false,
        Note: string.Empty);
}
