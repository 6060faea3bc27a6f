using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's JSON: snake_case names, nulls written (clients read a missing field as an error), and
/// <c>application/json</c> on every answer, errors included (masto.js parses nothing else).
/// </summary>
internal static class MastodonJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new MastodonTimeConverter() },
    };

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Options, "application/json; charset=utf-8");

    public static IResult Error(int status, string message) =>
        TypedResults.Json(new MastodonError(message), Options, "application/json; charset=utf-8", status);

    /// <summary>A request the modules' validation refused, as Mastodon words it: 422 with every message.</summary>
    public static IResult Invalid(FluentValidation.ValidationException exception) =>
        Error(StatusCodes.Status422UnprocessableEntity, $"Validation failed: {string.Join(", ", exception.Errors.Select(e => e.ErrorMessage))}");
}

/// <summary>
/// Times as Mastodon writes them, in UTC to the millisecond (<c>2026-12-03T21:49:30.000Z</c>): some clients (toot)
/// parse only that form.
/// </summary>
internal sealed class MastodonTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}

/// <summary>Mastodon's error body: what went wrong, in words.</summary>
internal sealed record MastodonError(string Error);
