using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// A 200 answering a <see cref="PageResponse{T}"/> whose items a hand-made writer writes (<see cref="JsonPage"/>):
/// the JSON is what <c>TypedResults.Ok</c> would write, and the OpenAPI document still describes a
/// <see cref="PageResponse{T}"/>, which a converter on the item type would hide from it.
/// </summary>
public sealed class JsonPage<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<PageResponse<T>>
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");

    private readonly Action<Utf8JsonWriter, T> _writeItem;

    internal JsonPage(PageResponse<T> page, Action<Utf8JsonWriter, T> writeItem)
    {
        Value = page;
        _writeItem = writeItem;
    }

    public PageResponse<T> Value { get; }

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonPage.WriterOptions(options)))
        {
            Write(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The page's JSON, as <see cref="ExecuteAsync"/> writes it to the response.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray(Items);
        foreach (var item in Value.Items)
        {
            _writeItem(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteString(NextCursor, Value.NextCursor);
        writer.WriteEndObject();
    }

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "IEndpointMetadataProvider's one member is static.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PageResponse<T>), ["application/json"]));
    }
}

public static class JsonPage
{
    /// <summary>A page whose items <paramref name="writeItem"/> writes exactly as the API's JSON options would.</summary>
    public static JsonPage<T> Ok<T>(IReadOnlyList<T> items, string? nextCursor, Action<Utf8JsonWriter, T> writeItem) =>
        new(new PageResponse<T>(items, nextCursor), writeItem);

    /// <summary>The writer the serializer itself would write with under <paramref name="options"/>.</summary>
    public static JsonWriterOptions WriterOptions(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            MaxDepth = options.MaxDepth,
            SkipValidation = true,
        };
    }
}
