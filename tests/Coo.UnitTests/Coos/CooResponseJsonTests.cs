using System.Buffers;
using System.Text;
using System.Text.Json;
using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Web;
using CsCheck;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Coo.UnitTests.Coos;

public sealed class CooResponseJsonTests
{
    private static readonly Gen<long> Id = Gen.OneOf(Gen.Long[0, long.MaxValue], Gen.Long);

    private static readonly Gen<string> Text = Gen.OneOf(Gen.String, Gen.String[Gen.Char["<>&'\"\\/é😀\u2028 az"], 0, 12]);

    private static readonly Gen<AuthorResponse> Author = Gen.Select(Id, Text, Text, Text, Text, (id, username, displayName, avatar, avatarSmall) =>
        new AuthorResponse(id, username, displayName, avatar, avatarSmall));

    private static readonly Gen<CooEntities> Entities = Gen.Select(
        Gen.Select(Gen.Int, Gen.Int, Id, Text, (start, end, userId, username) => new MentionEntity(start, end, userId, username)).List[0, 3],
        Gen.Select(Gen.Int, Gen.Int, Text, (start, end, tag) => new HashtagEntity(start, end, tag)).List[0, 3],
        Gen.Select(Gen.Int, Gen.Int, Text, (start, end, url) => new UrlEntity(start, end, url)).List[0, 3],
        (mentions, hashtags, urls) => new CooEntities(mentions, hashtags, urls));

    private static readonly Gen<CooMediaResponse> Media = Gen.Select(
        Gen.Select(Id, Text, Text, Text, (id, url, previewUrl, description) => (Id: id, Url: url, PreviewUrl: previewUrl, Description: description)),
        Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Int, (width, height, previewWidth, previewHeight) => (width, height, previewWidth, previewHeight)),
        Text,
        (named, size, type) => new CooMediaResponse(
            named.Id, named.Url, named.PreviewUrl, size.width, size.height, size.previewWidth, size.previewHeight, named.Description, type));

    private static readonly Gen<CooResponse> Coo = Gen.Select(
        Gen.Select(Id, Text, Gen.DateTimeOffset, Author, Entities, (id, text, createdAt, author, entities) => (id, text, createdAt, author, entities)),
        Gen.Select(Gen.Int, Gen.Int, Gen.Bool, Gen.Bool, Gen.Int, (likes, reposts, liked, reposted, replies) => (likes, reposts, liked, reposted, replies)),
        Gen.Select(Id, Author, (id, author) => new InReplyToResponse(id, author)).Null(),
        Media.List[0, 4],
        Author.Null(),
        Gen.Bool.SelectMany(shown => shown ? Id.Select(id => (long?)id) : Gen.Const((long?)null)),
        (own, counts, inReplyTo, media, repostedBy, repostId) => new CooResponse(
            own.id, own.text, own.createdAt, own.author, own.entities, counts.likes, counts.reposts, counts.liked, counts.reposted,
            inReplyTo, counts.replies, media, repostedBy, repostId));

    private static readonly Gen<JsonPage<CooResponse>> Page = Gen.Select(
        Coo.List[0, 5], Text.Null(), (coos, nextCursor) => JsonPage.Ok(coos, nextCursor, CooResponseJson.Write));

    [Fact]
    public void A_page_of_coos_written_by_hand_is_byte_for_byte_what_the_APIs_serializer_writes()
    {
        var options = new HttpJsonOptions().SerializerOptions;
        ApiJson.Configure(options);

        Page.Sample(page => Assert.Equal(JsonSerializer.Serialize(page.Value, options), Written(page, options)));
    }

    [Fact]
    public void A_page_written_again_from_the_kept_JSON_of_its_coos_and_authors_is_unchanged()
    {
        var options = new HttpJsonOptions().SerializerOptions;
        ApiJson.Configure(options);

        Page.Sample(page =>
        {
            var first = Written(page, options);
            Assert.Equal(first, Written(page, options));
        });
    }

    [Fact]
    public void Coos_and_authors_that_share_a_text_or_a_username_are_each_written_with_their_own_values()
    {
        var options = new HttpJsonOptions().SerializerOptions;
        ApiJson.Configure(options);
        const string sameText = "the same words";
        var ada = new AuthorResponse(1, "ada", "Ada", "/a/1-400.png", "/a/1-96.png");
        var renamed = ada with { DisplayName = "Ada L." };
        var createdAt = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        CooResponse CooBy(long id, AuthorResponse author, DateTimeOffset at) =>
            new(id, sameText, at, author, CooEntities.None, 0, 0, false, false, null, 0, []);
        var page = JsonPage.Ok(
            [CooBy(1, ada, createdAt), CooBy(2, renamed, createdAt), CooBy(1, ada, createdAt.ToOffset(TimeSpan.FromHours(1))), CooBy(1, ada, createdAt)],
            null,
            CooResponseJson.Write);

        Assert.Equal(JsonSerializer.Serialize(page.Value, options), Written(page, options));
    }

    private static string Written(JsonPage<CooResponse> page, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonPage.WriterOptions(options)))
        {
            page.Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
