using System.Globalization;
using System.Text.Json;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Coo.Host.Platform.Bench;

/// <summary>
/// The load benchmark's ceiling: what this host build serves when a request does no work at all. It answers a JSON
/// page shaped and sized like a home-timeline page (20 coos with every member of the API's coo: author and avatars,
/// entities, counts, the viewer's reactions, media; and a cursor), serialized once at start, through the same pipeline
/// as every other request. Mapped only when <c>Bench:CeilingEndpoint</c> is true; anonymous and left out of the OpenAPI
/// document, because it is not part of the API.
/// </summary>
internal static class CeilingEndpoint
{
    /// <summary>The mean coo length of the benchmark's generated data, so both pages are the same size.</summary>
    private const int TextLength = 80;

    public static void MapBenchCeiling(this WebApplication app)
    {
        if (!ValidatedSettings.Read<BenchOptions>(app.Configuration, BenchOptions.Section).CeilingEndpoint)
        {
            return;
        }

        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var page = JsonSerializer.SerializeToUtf8Bytes(SamplePage(), json);
        app.MapGet("/bench/ceiling", () => TypedResults.Bytes(page, "application/json; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static PageResponse<SampleCoo> SamplePage()
    {
        // Ids of today's magnitude, so they serialize to as many digits as real ones.
        const long firstId = 330_000_000_000_000_000;
        var createdAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, 20).Select(i =>
        {
            var authorNumber = 10_000 + (i * 7919 % 90_000);
            var authorId = firstId - (authorNumber * 1_000_000L);
            var author = new SampleAuthor(
                authorId,
                string.Create(CultureInfo.InvariantCulture, $"user{authorNumber}"),
                string.Create(CultureInfo.InvariantCulture, $"User {authorNumber}"),
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/media/default-avatars/{authorId}-400.png"),
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/media/default-avatars/{authorId}-96.png"));
            return new SampleCoo(firstId - (i * 4_194_304L), new string('x', TextLength), createdAt.AddSeconds(-i), author, new SampleEntities([], [], []), 0, 0, false, false, null, 0, []);
        }).ToList();
        return new PageResponse<SampleCoo>(items, "djE6MzMwMDAwMDAwMDAwMDAwMDAw");
    }

    /// <summary>
    /// Shaped like the API's coo (<c>CooResponse</c>: the same members in the same order), so the page serializes to JSON
    /// of the same size; it serves no module's data, and a host endpoint outside the compositions uses no module's contracts.
    /// </summary>
    private sealed record SampleCoo(
        long Id, string Text, DateTimeOffset CreatedAt, SampleAuthor Author, SampleEntities Entities, int LikesCount, int RepostsCount,
        bool LikedByYou, bool RepostedByYou, SampleAuthor? InReplyTo, int RepliesCount, IReadOnlyList<string> Media,
        SampleAuthor? RepostedBy = null, long? RepostId = null);

    private sealed record SampleAuthor(long Id, string Username, string DisplayName, string AvatarUrl, string AvatarSmallUrl);

    private sealed record SampleEntities(IReadOnlyList<string> Mentions, IReadOnlyList<string> Hashtags, IReadOnlyList<string> Urls);
}
