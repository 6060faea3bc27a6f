namespace Coo.Modules.Coos.Data;

/// <summary>A coo as the module reads and caches it (<c>IEntityCache&lt;CooSummary&gt;</c>), without its author.</summary>
internal sealed record CooSummary(long Id, long AuthorId, string Text, DateTimeOffset CreatedAt)
{
    public static CooSummary Of(Domain.Coo coo) => new(coo.Id, coo.AuthorId, coo.Text, coo.CreatedAt);
}
