using Mediator;

namespace Coo.Modules.Tags.Contracts;

/// <summary>
/// The ids of the coos with <paramref name="Tag"/> (normalised, as <c>Hashtag.Normalize</c> gives it), newest first:
/// older than <paramref name="BeforeCooId"/> and newer than <paramref name="AfterCooId"/> when given; with
/// <paramref name="NearestAfter"/>, the <paramref name="Limit"/> right after <paramref name="AfterCooId"/> rather than
/// the newest ones (still newest first).
/// </summary>
public sealed record GetTaggedCooIds(string Tag, long? BeforeCooId, long? AfterCooId, int Limit, bool NearestAfter = false)
    : IQuery<IReadOnlyList<long>>;
