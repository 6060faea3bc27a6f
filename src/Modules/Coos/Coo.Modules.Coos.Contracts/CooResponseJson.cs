using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// Writes a <see cref="CooResponse"/> exactly as the API's JSON options do (camelCase names, ids as strings, compact),
/// but by hand: the serializer's per-property reflection was the largest share of a timeline read's CPU, and its
/// source-generated fast path cannot run while the options carry the id converter. A property test holds this to
/// the serializer's own output, so a property added to a response and not here fails it. A class rather than a static
/// class: contracts are sealed types.
/// </summary>
public sealed class CooResponseJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
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

    // Keyed by the cached instances the JSON was made from; each entry also holds what else it was made from (and the
    // encoder), compared before use. Tuples: a contracts assembly declares no type of its own that is not public.
    private static readonly ConditionalWeakTable<string, Tuple<long, DateTimeOffset, JavaScriptEncoder?, byte[]>> Heads = [];
    private static readonly ConditionalWeakTable<string, Tuple<AuthorResponse, JavaScriptEncoder?, byte[]>> Authors = [];
    private static readonly ConditionalWeakTable<CooEntities, Tuple<JavaScriptEncoder?, byte[]>> EntitiesJson = [];
    private static readonly ConditionalWeakTable<IReadOnlyList<CooMediaResponse>, Tuple<JavaScriptEncoder?, byte[]>> MediaJson = [];

    /// <summary>Where a coo's object is put together before it is written in one piece; <see cref="Write"/> runs to the end on one thread.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private CooResponseJson()
    {
    }

    /// <summary>
    /// Writes the coo as one compact JSON object. What does not depend on the viewer or on the moment (the coo's id,
    /// text and time, its entities and media, each author) is encoded once and kept as UTF-8 JSON for as long as the
    /// caches hold the strings and lists it was made from (<see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by
    /// them, checked against every other value before use); only the counts, the viewer's reactions and the repost are
    /// written per read: about half the time of writing every member on every read.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, CooResponse coo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(coo);
        var options = writer.Options;
        var json = _scratch ??= new ArrayBufferWriter<byte>(4096);
        json.ResetWrittenCount();
        json.Write(HeadOf(coo, options));
        json.Write(",\"author\":"u8);
        json.Write(AuthorOf(coo.Author, options));
        json.Write(",\"entities\":"u8);
        json.Write(EntitiesOf(coo.Entities, options));
        AppendNumber(json, ",\"likesCount\":"u8, coo.LikesCount);
        AppendNumber(json, ",\"repostsCount\":"u8, coo.RepostsCount);
        json.Write(coo.LikedByYou ? ",\"likedByYou\":true"u8 : ",\"likedByYou\":false"u8);
        json.Write(coo.RepostedByYou ? ",\"repostedByYou\":true"u8 : ",\"repostedByYou\":false"u8);
        if (coo.InReplyTo is { } inReplyTo)
        {
            AppendId(json, ",\"inReplyTo\":{\"id\":"u8, inReplyTo.Id);
            json.Write(",\"author\":"u8);
            json.Write(AuthorOf(inReplyTo.Author, options));
            json.Write("}"u8);
        }
        else
        {
            json.Write(",\"inReplyTo\":null"u8);
        }

        AppendNumber(json, ",\"repliesCount\":"u8, coo.RepliesCount);
        json.Write(",\"media\":"u8);
        json.Write(MediaOf(coo.Media, options));
        if (coo.RepostedBy is { } repostedBy)
        {
            json.Write(",\"repostedBy\":"u8);
            json.Write(AuthorOf(repostedBy, options));
        }
        else
        {
            json.Write(",\"repostedBy\":null"u8);
        }

        if (coo.RepostId is { } repostId)
        {
            AppendId(json, ",\"repostId\":"u8, repostId);
        }
        else
        {
            json.Write(",\"repostId\":null"u8);
        }

        json.Write("}"u8);
        writer.WriteRawValue(json.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>
    /// <c>{"id":…,"text":…,"createdAt":…</c>, the object left open for the author. Not kept for an empty text (a coo
    /// of images only): that is one string for all such coos, so it would not tell them apart.
    /// </summary>
    private static byte[] HeadOf(CooResponse coo, JsonWriterOptions options)
    {
        if (Heads.TryGetValue(coo.Text, out var kept) && kept.Item1 == coo.Id && kept.Item2.EqualsExact(coo.CreatedAt) && kept.Item3 == options.Encoder)
        {
            return kept.Item4;
        }

        var json = Encode(options, coo, static (writer, coo) =>
        {
            writer.WriteStartObject();
            WriteId(writer, Id, coo.Id);
            writer.WriteString(Text, coo.Text);
            writer.WriteString(CreatedAt, coo.CreatedAt);
        });
        if (coo.Text.Length > 0)
        {
            Heads.AddOrUpdate(coo.Text, Tuple.Create(coo.Id, coo.CreatedAt, options.Encoder, json));
        }

        return json;
    }

    private static byte[] AuthorOf(AuthorResponse author, JsonWriterOptions options)
    {
        if (Authors.TryGetValue(author.Username, out var kept) && kept.Item1 == author && kept.Item2 == options.Encoder)
        {
            return kept.Item3;
        }

        var json = Encode(options, author, WriteAuthor);
        Authors.AddOrUpdate(author.Username, Tuple.Create(author, options.Encoder, json));
        return json;
    }

    private static byte[] EntitiesOf(CooEntities entities, JsonWriterOptions options) =>
        Encoded(EntitiesJson, entities, options, WriteEntities);

    private static byte[] MediaOf(IReadOnlyList<CooMediaResponse> media, JsonWriterOptions options) =>
        Encoded(MediaJson, media, options, static (writer, media) =>
        {
            writer.WriteStartArray();
            foreach (var item in media)
            {
                writer.WriteStartObject();
                WriteMedia(writer, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    /// <summary>What a value that nothing changes (entities, media) encodes to, kept while the value itself is kept.</summary>
    private static byte[] Encoded<T>(ConditionalWeakTable<T, Tuple<JavaScriptEncoder?, byte[]>> table, T value, JsonWriterOptions options, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (table.TryGetValue(value, out var kept) && kept.Item1 == options.Encoder)
        {
            return kept.Item2;
        }

        var json = Encode(options, value, write);
        table.AddOrUpdate(value, Tuple.Create(options.Encoder, json));
        return json;
    }

    private static byte[] Encode<T>(JsonWriterOptions options, T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, options with { Indented = false, SkipValidation = true }))
        {
            write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void AppendNumber(ArrayBufferWriter<byte> json, ReadOnlySpan<byte> name, int value)
    {
        json.Write(name);
        value.TryFormat(json.GetSpan(11), out var written, provider: CultureInfo.InvariantCulture);
        json.Advance(written);
    }

    /// <summary>Ids are JSON strings, as the API's id converter writes them.</summary>
    private static void AppendId(ArrayBufferWriter<byte> json, ReadOnlySpan<byte> name, long id)
    {
        json.Write(name);
        var span = json.GetSpan(22);
        span[0] = (byte)'"';
        id.TryFormat(span[1..], out var written, provider: CultureInfo.InvariantCulture);
        span[written + 1] = (byte)'"';
        json.Advance(written + 2);
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
