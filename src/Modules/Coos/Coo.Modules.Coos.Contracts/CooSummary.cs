namespace Coo.Modules.Coos.Contracts;

public sealed record CooSummary(long Id, long AuthorId, string Text, DateTimeOffset CreatedAt);
