using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Users.Contracts;
using Mediator;

namespace Coo.Modules.Coos.Features;

/// <summary>Coos as clients see them: with their authors, from one batch call to the Users module whatever the page size.</summary>
internal static class CooHydration
{
    public static async Task<IReadOnlyList<CooResponse>> WithAuthorsAsync(this ISender sender, IReadOnlyList<CooSummary> coos, CancellationToken cancellationToken)
    {
        if (coos.Count == 0)
        {
            return [];
        }

        var authors = (await sender.Send(new GetUsersByIds([.. coos.Select(c => c.AuthorId).Distinct()]), cancellationToken))
            .ToDictionary(u => u.Id);

        // A coo whose author is gone is not shown: there is no one to attribute it to.
        return [.. coos
            .Where(c => authors.ContainsKey(c.AuthorId))
            .Select(c =>
            {
                var author = authors[c.AuthorId];
                return new CooResponse(c.Id, c.Text, c.CreatedAt, new AuthorResponse(author.Id, author.Username, author.DisplayName));
            })];
    }
}
