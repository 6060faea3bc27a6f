using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Users.Contracts;
using Mediator;

namespace Coo.Modules.Coos.Features;

/// <summary>
/// Coos as clients see them: with their authors (one batch call to Users) and their reactions as the viewer sees them
/// (one batch call to Reactions), whatever the page size.
/// </summary>
internal static class CooHydration
{
    public static async Task<IReadOnlyList<CooResponse>> HydrateAsync(
        this ISender sender, IReadOnlyList<CooSummary> coos, long? viewerId, CancellationToken cancellationToken)
    {
        if (coos.Count == 0)
        {
            return [];
        }

        var authors = (await sender.Send(new GetUsersByIds([.. coos.Select(c => c.AuthorId).Distinct()]), cancellationToken))
            .ToDictionary(u => u.Id);

        // A coo whose author is gone is not shown: there is no one to attribute it to.
        var shown = coos.Where(c => authors.ContainsKey(c.AuthorId)).ToList();
        var reactions = shown.Count == 0
            ? new Dictionary<long, CooReactions>()
            : await sender.Send(new GetCooReactions([.. shown.Select(c => c.Id)], viewerId), cancellationToken);
        return [.. shown.Select(c =>
        {
            var author = authors[c.AuthorId];
            var reacted = reactions.GetValueOrDefault(c.Id, CooReactions.None);
            return new CooResponse(
                c.Id,
                c.Text,
                c.CreatedAt,
                new AuthorResponse(author.Id, author.Username, author.DisplayName),
                c.Entities,
                reacted.LikesCount,
                reacted.RepostsCount,
                reacted.LikedByViewer,
                reacted.RepostedByViewer);
        })];
    }
}
