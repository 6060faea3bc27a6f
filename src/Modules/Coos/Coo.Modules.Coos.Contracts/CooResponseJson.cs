using System.Globalization;
using System.Text.Json;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// Writes a <see cref="CooResponse"/> exactly as the API's JSON options do (camelCase names, ids as strings), but
/// straight to the writer: the serializer's per-property reflection was the largest share of a timeline read's CPU, and
/// its source-generated fast path cannot run while the options carry the id converter. A property test holds this to
/// the serializer's own output, so a property added to a response and not here fails it. A class rather than a static
/// class: contracts are sealed types.
/// </summary>
public sealed class CooResponseJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText Author = JsonEncodedText.Encode("author");
    private static readonly JsonEncodedText Entities = JsonEncodedText.Encode("entities");
    private static readonly JsonEncodedText LikesCount = JsonEncodedText.Encode("likesCount");
    private static readonly JsonEncodedText RepostsCount = JsonEncodedText.Encode("repostsCount");
    private static readonly JsonEncodedText LikedByYou = JsonEncodedText.Encode("likedByYou");
    private static readonly JsonEncodedText RepostedByYou = JsonEncodedText.Encode("repostedByYou");
    private static readonly JsonEncodedText InReplyTo = JsonEncodedText.Encode("inReplyTo");
    private static readonly JsonEncodedText RepliesCount = JsonEncodedText.Encode("repliesCount");
    private static readonly JsonEncodedText Media = JsonEncodedText.Encode("media");
    private static readonly JsonEncodedText RepostedBy = JsonEncodedText.Encode("repostedBy");
    private static readonly JsonEncodedText RepostId = JsonEncodedText.Encode("repostId");
    private static readonly JsonEncodedText Username = JsonEncodedText.Encode("username");
    private static readonly JsonEncodedText DisplayName = JsonEncodedText.Encode("displayName");
    private static readonly JsonEncodedText AvatarUrl = JsonEncodedText.Encode("avatarUrl");
    private static readonly JsonEncodedText AvatarSmallUrl = JsonEncodedText.Encode("avatarSmallUrl");
    private static readonly JsonEncodedText Mentions = JsonEncodedText.Encode("mentions");
    private static readonly JsonEncodedText Hashtags = JsonEncodedText.Encode("hashtags");
    private static readonly JsonEncodedText Urls = JsonEncodedText.Encode("urls");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
    private static readonly JsonEncodedText Tag = JsonEncodedText.Encode("tag");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText PreviewUrl = JsonEncodedText.Encode("previewUrl");
    private static readonly JsonEncodedText Width = JsonEncodedText.Encode("width");
    private static readonly JsonEncodedText Height = JsonEncodedText.Encode("height");
    private static readonly JsonEncodedText PreviewWidth = JsonEncodedText.Encode("previewWidth");
    private static readonly JsonEncodedText PreviewHeight = JsonEncodedText.Encode("previewHeight");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");

    private CooResponseJson()
    {
    }

    public static void Write(Utf8JsonWriter writer, CooResponse coo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(coo);
        writer.WriteStartObject();
        WriteId(writer, Id, coo.Id);
        writer.WriteString(Text, coo.Text);
        writer.WriteString(CreatedAt, coo.CreatedAt);
        writer.WritePropertyName(Author);
        WriteAuthor(writer, coo.Author);
        writer.WritePropertyName(Entities);
        WriteEntities(writer, coo.Entities);
        writer.WriteNumber(LikesCount, coo.LikesCount);
        writer.WriteNumber(RepostsCount, coo.RepostsCount);
        writer.WriteBoolean(LikedByYou, coo.LikedByYou);
        writer.WriteBoolean(RepostedByYou, coo.RepostedByYou);
        if (coo.InReplyTo is { } inReplyTo)
        {
            writer.WritePropertyName(InReplyTo);
            writer.WriteStartObject();
            WriteId(writer, Id, inReplyTo.Id);
            writer.WritePropertyName(Author);
            WriteAuthor(writer, inReplyTo.Author);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(InReplyTo);
        }

        writer.WriteNumber(RepliesCount, coo.RepliesCount);
        WriteObjects(writer, Media, coo.Media, WriteMedia);
        if (coo.RepostedBy is { } repostedBy)
        {
            writer.WritePropertyName(RepostedBy);
            WriteAuthor(writer, repostedBy);
        }
        else
        {
            writer.WriteNull(RepostedBy);
        }

        if (coo.RepostId is { } repostId)
        {
            WriteId(writer, RepostId, repostId);
        }
        else
        {
            writer.WriteNull(RepostId);
        }

        writer.WriteEndObject();
    }

    private static void WriteAuthor(Utf8JsonWriter writer, AuthorResponse author)
    {
        writer.WriteStartObject();
        WriteId(writer, Id, author.Id);
        writer.WriteString(Username, author.Username);
        writer.WriteString(DisplayName, author.DisplayName);
        writer.WriteString(AvatarUrl, author.AvatarUrl);
        writer.WriteString(AvatarSmallUrl, author.AvatarSmallUrl);
        writer.WriteEndObject();
    }

    private static void WriteEntities(Utf8JsonWriter writer, CooEntities entities)
    {
        writer.WriteStartObject();
        WriteObjects(writer, Mentions, entities.Mentions, static (writer, mention) =>
        {
            WriteRange(writer, mention.Start, mention.End);
            WriteId(writer, UserId, mention.UserId);
            writer.WriteString(Username, mention.Username);
        });
        WriteObjects(writer, Hashtags, entities.Hashtags, static (writer, hashtag) =>
        {
            WriteRange(writer, hashtag.Start, hashtag.End);
            writer.WriteString(Tag, hashtag.Tag);
        });
        WriteObjects(writer, Urls, entities.Urls, static (writer, url) =>
        {
            WriteRange(writer, url.Start, url.End);
            writer.WriteString(Url, url.Url);
        });
        writer.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter writer, int start, int end)
    {
        writer.WriteNumber(Start, start);
        writer.WriteNumber(End, end);
    }

    private static void WriteMedia(Utf8JsonWriter writer, CooMediaResponse media)
    {
        WriteId(writer, Id, media.Id);
        writer.WriteString(Url, media.Url);
        writer.WriteString(PreviewUrl, media.PreviewUrl);
        writer.WriteNumber(Width, media.Width);
        writer.WriteNumber(Height, media.Height);
        writer.WriteNumber(PreviewWidth, media.PreviewWidth);
        writer.WriteNumber(PreviewHeight, media.PreviewHeight);
        writer.WriteString(Description, media.Description);
        writer.WriteString(Type, media.Type);
    }

    /// <summary>An array of objects under <paramref name="name"/>, each one's members written by <paramref name="writeMembers"/>.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writeMembers(writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Ids are JSON strings, as the API's id converter writes them: JavaScript numbers lose digits above 2^53.</summary>
    private static void WriteId(Utf8JsonWriter writer, JsonEncodedText name, long id)
    {
        Span<byte> digits = stackalloc byte[20];
        id.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        writer.WriteString(name, digits[..written]);
    }
}
