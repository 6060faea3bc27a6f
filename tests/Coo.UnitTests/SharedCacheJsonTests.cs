using System.Text.Json;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;

namespace Coo.UnitTests;

/// <summary>
/// The shared entity cache's values written by the source-generated contracts, against the reflection serializer that
/// wrote them before: instances of both builds share one Redis during an upgrade, so each must read the other's values.
/// </summary>
public sealed class SharedCacheJsonTests
{
    private static readonly CooSummary Coo = new(
        1_234_567_890_123,
        42,
        "hello @ana #coo https://example.com/a?b=c é😀",
        new DateTimeOffset(2026, 12, 7, 8, 30, 15, 123, TimeSpan.Zero),
        new CooEntities([new MentionEntity(6, 10, 7, "ana")], [new HashtagEntity(11, 15, "coo")], [new UrlEntity(16, 41, "https://example.com/a?b=c")]),
        98,
        7,
        97,
        [new CooMediaResponse(5, "https://media/5.webp", "https://media/5-small.webp", 640, 480, 320, 240, "a cat")]);

    private static readonly UserSummary User = new(42, "ana", "Ana \"the\" Coo", "https://media/a.webp", "https://media/a-small.webp");

    [Fact]
    public void A_coo_summary_cached_by_an_earlier_build_reads_back_whole()
    {
        // Earlier builds also wrote the summary's computed properties.
        var earlier = JsonSerializer.Serialize(Coo).Insert(1, "\"Ref\":{\"Id\":1,\"AuthorId\":42},\"AsReplyTarget\":{\"Id\":1,\"AuthorId\":42},");

        var read = JsonSerializer.Deserialize(earlier, CooSummaryJson.Default.CooSummary)!;

        Assert.Equal(JsonSerializer.Serialize(Coo, CooSummaryJson.Default.CooSummary), JsonSerializer.Serialize(read, CooSummaryJson.Default.CooSummary));
    }

    [Fact]
    public void A_coo_summary_cached_now_reads_back_whole_in_an_earlier_build_and_leaves_out_what_it_computes()
    {
        var now = JsonSerializer.Serialize(Coo, CooSummaryJson.Default.CooSummary);

        var read = JsonSerializer.Deserialize<CooSummary>(now)!;

        Assert.Equal(JsonSerializer.Serialize(Coo), JsonSerializer.Serialize(read));
        Assert.DoesNotContain("\"Ref\"", now, StringComparison.Ordinal);
        Assert.DoesNotContain("\"AsReplyTarget\"", now, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_summary_is_written_as_an_earlier_build_wrote_it()
    {
        var now = JsonSerializer.Serialize(User, UserSummaryJson.Default.UserSummary);

        Assert.Equal(JsonSerializer.Serialize(User), now);
        Assert.Equal(User, JsonSerializer.Deserialize(now, UserSummaryJson.Default.UserSummary));
    }
}
