using Mediator;

namespace Coo.Modules.Reactions.Contracts;

/// <summary>
/// The like, repost and reply counts of a page of coos and, for a signed-in <paramref name="ViewerId"/>, which of them
/// the viewer liked or reposted: one call for the whole page. Coos nobody reacted or replied to are left out.
/// </summary>
public sealed record GetCooReactions(IReadOnlyCollection<long> CooIds, long? ViewerId) : IQuery<IReadOnlyDictionary<long, CooReactions>>;

public sealed record CooReactions(int LikesCount, int RepostsCount, bool LikedByViewer, bool RepostedByViewer, int RepliesCount)
{
    public static readonly CooReactions None = new(0, 0, false, false, 0);
}
