using Coo.Modules.Reactions.Contracts;
using Microsoft.Extensions.Caching.Memory;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// The counts each instance last read, per coo: what a page shows while the Reactions database is unavailable, so a
/// cached page of coos is still served (with counts that may be a little old, and the viewer's own reactions not
/// shown) instead of failing. Bounded, and forgotten after an hour without reads.
/// </summary>
internal sealed class LastKnownReactionCounts : IDisposable
{
    private const int MaxCoos = 100_000;

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) };

    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = MaxCoos });

    public void Remember(IEnumerable<long> cooIds, IReadOnlyDictionary<long, CooReactions> read)
    {
        foreach (var id in cooIds)
        {
            var counts = read.GetValueOrDefault(id, CooReactions.None);
            _counts.Set(id, counts with { LikedByViewer = false, RepostedByViewer = false }, Entry);
        }
    }

    public IReadOnlyDictionary<long, CooReactions> Recall(IEnumerable<long> cooIds)
    {
        var known = new Dictionary<long, CooReactions>();
        foreach (var id in cooIds)
        {
            if (_counts.TryGetValue(id, out CooReactions? counts) && counts is not null)
            {
                known[id] = counts;
            }
        }

        return known;
    }

    public void Dispose() => _counts.Dispose();
}
