using Mediator;

namespace Coo.Modules.Coos.Contracts;

/// <summary>Batch lookup: one call for a page of ids. Deleted or unknown ids are left out.</summary>
public sealed record GetCoosByIds(IReadOnlyCollection<long> CooIds) : IQuery<IReadOnlyList<CooSummary>>;

/// <summary>An author's coos, newest first, strictly older than <paramref name="BeforeId"/> when given.</summary>
public sealed record GetCoosByAuthor(long AuthorId, long? BeforeId, int Limit) : IQuery<IReadOnlyList<CooSummary>>;
