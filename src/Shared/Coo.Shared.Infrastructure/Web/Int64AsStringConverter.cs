using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>64-bit ids travel as JSON strings: JavaScript numbers lose digits above 2^53.</summary>
public sealed class Int64AsStringConverter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetInt64();
        }

        // A JsonException is bad input (400); any other exception here would be a 500.
        return long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException("Expected an id: a string of digits.");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // Formatted on the stack: a page writes dozens of ids, and a string for each was 6 % of a timeline read's allocations.
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        writer.WriteStringValue(digits[..written]);
    }
}
