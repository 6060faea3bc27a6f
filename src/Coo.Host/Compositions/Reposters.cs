using Coo.Modules.Coos.Contracts;
using Coo.Modules.Users.Contracts;
using Mediator;

namespace Coo.Host.Compositions;

/// <summary>The people who reposted coos, as a coo shown by a repost names them: one call to Users for all of them.</summary>
internal static class Reposters
{
    /// <summary>By id; someone gone since is left out, and so is the coo they reposted.</summary>
    public static async Task<Dictionary<long, AuthorResponse>> ByIdAsync(ISender sender, IEnumerable<long> reposterIds, CancellationToken cancellationToken)
    {
        long[] ids = [.. reposterIds.Distinct()];
        return ids.Length == 0
            ? []
            : (await sender.Send(new GetUsersByIds(ids), cancellationToken)).ToDictionary(u => u.Id, u => new AuthorResponse(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.AvatarSmallUrl));
    }
}
