using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Coo.IntegrationTests.Security;

/// <summary>
/// Generators of what an attacker or a broken client sends: text with control characters, noncharacters, lone
/// surrogates and bidi overrides, huge and empty values, numbers out of any range, forged cursors and ids, JSON of the
/// wrong type, nested past every parser's depth, or not JSON at all. Request bodies follow the operation's schema in
/// the OpenAPI document, with each field left out, valid or hostile.
/// </summary>
public static class HostileInput
{
    /// <summary>Characters that have broken text handling somewhere: controls, NUL, noncharacters, surrogate halves, BOM, bidi.</summary>
    private static readonly char[] Alphabet =
    [
        'a', 'Z', '0', ' ', '_', '"', '\\', '/', '%', '<', '&', '\'', '.', '\0', '\u0001', '\t', '\r', '\n', '\u001f', '\u007f',
        '\u0085', '\u00a0', '\u0301', '\u200b', '\u200d', '\u202e', '\u2028', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800',
        '\udbff', '\udc00', '\udfff', 'é', 'ß', '中',
    ];

    private static readonly string[] Specials =
    [
        "", " ", "\0", "a\0b", "\ufffe", "\uffff", "\ud800", "\udc00x", "x\ud83d", "\u202egnp.exe", "\r\nSet-Cookie: a=b",
        "' OR 1=1 --", "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "%ff", "{{7*7}}", "${jndi:ldap://x}",
        "-1", "0", "1", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "Infinity", "0x10",
        "djE6MQ", "djE6MA", "djE6LTE", "djE6OTIyMzM3MjAzNjg1NDc3NTgwNw", "djE6OTIyMzM3MjAzNjg1NDc3NTgwOA", "djE6", "AAAA", "====",
        "djE6MQAAAA", "v1:1", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01", "2026-13-45T25:61:61Z",
        "-infinity", "day", "hour", "HOUR", "week", "timeline_viewed", "olga", "OLGA", "admin_user", "me",
        "😀", "👩🏽‍💻", string.Concat(Enumerable.Repeat("e\u0301", 300)), new string('x', 281), new string('x', 10_000),
        string.Concat(Enumerable.Repeat("😀", 2_000)), new string('\0', 1_000),
    ];

    /// <summary>A hostile piece of text.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(Specials)),
        (2, Gen.OneOf(Alphabet).Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.OneOf(Alphabet).Select(Gen.Int[300, 20_000], (c, n) => new string(c, n))));

    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1.5", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-1e309", "1E2", "0.0000001",
        "123456789012345678901234567890",
    ];

    /// <summary>Any JSON value, usually of the wrong type, sometimes nested far past any sane depth.</summary>
    public static readonly Gen<string> JsonValue = Gen.Frequency(
        (4, Text.Select(JsonString)),
        (2, Gen.OneOf(Numbers)),
        (1, Gen.OneOf("true", "false", "null", "[]", "{}", "[null]", "{\"\":null}")),
        (1, Gen.Int[2, 2_000].Select(depth => new string('[', depth) + new string(']', depth))),
        (1, Gen.Int[2, 500].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))),
        (1, Gen.Int[100, 5_000].Select(count => "[" + string.Join(',', Enumerable.Repeat("0", count)) + "]")));

    /// <summary>Bodies that are not JSON, or not valid UTF-8, or cut short.</summary>
    private static readonly Gen<byte[]> Malformed = Gen.OneOf(
        [], "{"u8.ToArray(), "{\"a\":"u8.ToArray(), "{} {}"u8.ToArray(), "{\"a\":1,}"u8.ToArray(), "[1,2"u8.ToArray(),
        new byte[] { 0xff, 0xfe, 0x7b, 0x7d }, new byte[] { 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d },
        new byte[] { 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d }, "\"just a string\""u8.ToArray(), "nul"u8.ToArray());

    /// <summary>Values that make a field of this name valid, so that the other fields' hostility reaches deeper code.</summary>
    private static readonly Dictionary<string, string> ValidByName = new(StringComparer.Ordinal)
    {
        ["username"] = "\"olga\"",
        ["password"] = JsonString(ApiClientExtensions.Password),
        ["email"] = "\"someone@example.com\"",
        ["name"] = "\"timeline_viewed\"",
        ["text"] = "\"hello\"",
    };

    /// <summary>A body for an operation whose request schema is <paramref name="schema"/>.</summary>
    public static Gen<byte[]> Body(JsonElement schema, JsonElement document) => Gen.Frequency(
        (1, Malformed),
        (2, JsonValue.Select(Encoding.UTF8.GetBytes)),
        (6, ObjectFor(schema, document, depth: 0).Select(Encoding.UTF8.GetBytes)));

    /// <summary>Escapes everything outside printable ASCII as <c>\uXXXX</c>, so lone surrogates reach the parser as they are.</summary>
    public static string JsonString(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                < ' ' or > '~' => json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => json.Append(c),
            };
        }

        return json.Append('"').ToString();
    }

    private static Gen<string> ObjectFor(JsonElement schema, JsonElement document, int depth)
    {
        schema = Resolve(schema, document);
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return JsonValue;
        }

        var members = properties.EnumerateObject()
            .Select(p => Gen.Frequency(
                (1, Gen.Const((string?)null)),
                (2, ValidValue(p.Name, p.Value, document, depth).Select(v => (string?)$"{JsonString(p.Name)}:{v}")),
                (3, HostileValue(p.Value, document).Select(v => (string?)$"{JsonString(p.Name)}:{v}"))))
            .ToList();
        members.Add(Gen.Frequency((4, Gen.Const((string?)null)), (1, JsonValue.Select(v => (string?)$"\"__proto__\":{v}"))));
        return Sequence(members).Select(values => "{" + string.Join(',', values.Where(v => v is not null)) + "}");
    }

    /// <summary>For a text field mostly text of the right type but hostile content, which reaches the validators; else any JSON.</summary>
    private static Gen<string> HostileValue(JsonElement schema, JsonElement document) =>
        Resolve(schema, document).TryGetProperty("type", out var type) && type.ToString().Contains("string", StringComparison.Ordinal)
            ? Gen.Frequency((3, Text.Select(JsonString)), (1, JsonValue))
            : JsonValue;

    private static Gen<string> ValidValue(string name, JsonElement schema, JsonElement document, int depth)
    {
        schema = Resolve(schema, document);
        if (ValidByName.TryGetValue(name, out var known))
        {
            return Gen.Const(known);
        }

        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()]
            : [];
        if (types.Contains("array") && schema.TryGetProperty("items", out var items) && depth < 2)
        {
            return ObjectFor(items, document, depth + 1).Array[1, 3].Select(values => "[" + string.Join(',', values) + "]");
        }

        if (types.Contains("object"))
        {
            return Gen.Const("{\"source\":\"fuzz\"}");
        }

        if (types.Contains("boolean"))
        {
            return Gen.Bool.Select(b => b ? "true" : "false");
        }

        if (types.Contains("integer"))
        {
            return Gen.Int[1, 100].Select(i => i.ToString(CultureInfo.InvariantCulture));
        }

        return schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
            ? Gen.Const(JsonString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)))
            : Gen.Const("\"valid text\"");
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement document)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema;
    }

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> generators) =>
        generators.Aggregate(Gen.Const(() => new List<T>()), (all, next) => all.Select(next, (list, value) => new List<T>(list) { value }));
}
