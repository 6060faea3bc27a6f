using Coo.Modules.Tags.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.Features.GetTrendingTags;

/// <summary>A tag and how many distinct people used it within the trend window.</summary>
internal sealed record TrendingTag(string Tag, int People);

internal sealed record TrendingTagsResponse(IReadOnlyList<TrendingTag> Items);

/// <summary>The tags used by the most distinct people in the last 24 hours, most first (ties: by tag).</summary>
internal sealed record GetTrendingTags(int Limit) : IQuery<TrendingTagsResponse>;

internal sealed class GetTrendingTagsHandler(TagsDbContext db) : IQueryHandler<GetTrendingTags, TrendingTagsResponse>
{
    public async ValueTask<TrendingTagsResponse> Handle(GetTrendingTags query, CancellationToken cancellationToken) =>
        new(await db.Trends.AsNoTracking().Where(t => t.People > 0)
            .OrderByDescending(t => t.People).ThenBy(t => t.Tag).Take(query.Limit)
            .Select(t => new TrendingTag(t.Tag, t.People)).ToListAsync(cancellationToken));
}
