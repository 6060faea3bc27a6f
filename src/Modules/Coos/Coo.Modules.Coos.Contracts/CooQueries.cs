using Mediator;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// Coos the way clients show them, with their authors, in the order of <paramref name="CooIds"/>: how a page of coo ids
/// (a home timeline) becomes a page of coos. Deleted or unknown coos, and coos whose author is gone, are left out.
/// </summary>
public sealed record GetCooResponses(IReadOnlyList<long> CooIds) : IQuery<IReadOnlyList<CooResponse>>;

/// <summary>How many coos each author has; authors with none are left out.</summary>
public sealed record GetCooCounts(IReadOnlyCollection<long> AuthorIds) : IQuery<IReadOnlyDictionary<long, int>>;

/// <summary>
/// The newest coos of any of <paramref name="AuthorIds"/>, strictly older than <paramref name="BeforeId"/> when given:
/// how timelines fill in what they do not store.
/// </summary>
public sealed record GetCooRefsByAuthors(IReadOnlyCollection<long> AuthorIds, long? BeforeId, int Limit) : IQuery<IReadOnlyList<CooRef>>;

/// <summary>The coo <paramref name="AuthorId"/> pinned to their profile, with its author; null when none is pinned.</summary>
public sealed record GetPinnedCoo(long AuthorId) : IQuery<CooResponse?>;

public sealed record CooRef(long Id, long AuthorId);
