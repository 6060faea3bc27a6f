using Mediator;

namespace Coo.Modules.Coos.Contracts;

/// <summary>Batch lookup: one call for a page of ids. Deleted or unknown ids are left out.</summary>
public sealed record GetCoosByIds(IReadOnlyCollection<long> CooIds) : IQuery<IReadOnlyList<CooSummary>>;

/// <summary>An author's coos, newest first, strictly older than <paramref name="BeforeId"/> when given.</summary>
public sealed record GetCoosByAuthor(long AuthorId, long? BeforeId, int Limit) : IQuery<IReadOnlyList<CooSummary>>;

/// <summary>How many coos each author has; authors with none are left out.</summary>
public sealed record GetCooCounts(IReadOnlyCollection<long> AuthorIds) : IQuery<IReadOnlyDictionary<long, int>>;

/// <summary>
/// The newest coos of any of <paramref name="AuthorIds"/>, strictly older than <paramref name="BeforeId"/> when given:
/// how timelines fill in what they do not store.
/// </summary>
public sealed record GetCooRefsByAuthors(IReadOnlyCollection<long> AuthorIds, long? BeforeId, int Limit) : IQuery<IReadOnlyList<CooRef>>;

public sealed record CooRef(long Id, long AuthorId);
