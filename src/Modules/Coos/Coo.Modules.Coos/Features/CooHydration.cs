using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Users.Contracts;
using Mediator;

namespace Coo.Modules.Coos.Features;

/// <summary>
/// Coos as clients see them: with their authors and the authors of the coos they answer (one batch call to Users) and
/// their reactions and reply counts as the viewer sees them (one batch call to Reactions), whatever the page size.
/// </summary>
internal static class CooHydration
{
    public static Task<IReadOnlyList<CooResponse>> HydrateAsync(
        this ISender sender, IReadOnlyList<CooSummary> coos, long? viewerId, CancellationToken cancellationToken) =>
        HydrateAsync(sender, coos, viewerId, askReactions: true, cancellationToken);

    /// <summary>Coos just written: nothing can have reacted to them or answered them yet, so Reactions is not asked.</summary>
    public static Task<IReadOnlyList<CooResponse>> HydrateNewAsync(this ISender sender, IReadOnlyList<CooSummary> coos, CancellationToken cancellationToken) =>
        HydrateAsync(sender, coos, viewerId: null, askReactions: false, cancellationToken);

    private static async Task<IReadOnlyList<CooResponse>> HydrateAsync(
        ISender sender, IReadOnlyList<CooSummary> coos, long? viewerId, bool askReactions, CancellationToken cancellationToken)
    {
        if (coos.Count == 0)
        {
            return [];
        }

        var userIds = new HashSet<long>(coos.Count * 2);
        foreach (var coo in coos)
        {
            userIds.Add(coo.AuthorId);
            if (coo.InReplyToAuthorId is { } parentAuthorId)
            {
                userIds.Add(parentAuthorId);
            }
        }

        // One response per author, shared by all their coos on the page (records: nothing changes them).
        var authors = (await sender.Send(new GetUsersByIds(userIds), cancellationToken)).ToDictionary(u => u.Id, Author);

        // A coo whose author is gone is not shown: there is no one to attribute it to.
        var shown = new List<CooSummary>(coos.Count);
        foreach (var coo in coos)
        {
            if (authors.ContainsKey(coo.AuthorId))
            {
                shown.Add(coo);
            }
        }

        var reactions = shown.Count == 0 || !askReactions
            ? new Dictionary<long, CooReactions>()
            : await sender.Send(new GetCooReactions(shown.ConvertAll(c => c.Id), viewerId), cancellationToken);
        var responses = new CooResponse[shown.Count];
        for (var i = 0; i < responses.Length; i++)
        {
            var coo = shown[i];
            var reacted = reactions.GetValueOrDefault(coo.Id, CooReactions.None);
            responses[i] = new CooResponse(
                coo.Id,
                coo.Text,
                coo.CreatedAt,
                authors[coo.AuthorId],
                coo.Entities,
                reacted.LikesCount,
                reacted.RepostsCount,
                reacted.LikedByViewer,
                reacted.RepostedByViewer,
                InReplyTo(coo, authors),
                reacted.RepliesCount,
                coo.Media);
        }

        return responses;
    }

    /// <summary>The parent may be deleted: the reply still names it, with the author it had.</summary>
    private static InReplyToResponse? InReplyTo(CooSummary coo, Dictionary<long, AuthorResponse> authors) =>
        coo.InReplyToId is { } parentId && coo.InReplyToAuthorId is { } parentAuthorId && authors.TryGetValue(parentAuthorId, out var parentAuthor)
            ? new InReplyToResponse(parentId, parentAuthor)
            : null;

    private static AuthorResponse Author(UserSummary user) => new(user.Id, user.Username, user.DisplayName, user.AvatarUrl, user.AvatarSmallUrl);
}
