using System.Text.Json;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// A Mastodon request's parameters, whichever way the client sent them: a form, a multipart form or a JSON object (as
/// Mastodon's own Rails parameters read them all). A list is named with or without <c>[]</c>
/// (<c>media_ids[]=1&amp;media_ids[]=2</c> or <c>"media_ids": ["1", "2"]</c>); an object inside (a poll, profile
/// fields) is present with the values in it, and a JSON null is absent.
/// </summary>
internal sealed class MastodonForm
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private MastodonForm()
    {
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    public IReadOnlyList<string> Texts(string name) => _values.TryGetValue(name, out var values) ? values : [];

    public bool Flag(string name) => IsSet(Text(name));

    /// <summary>A boolean as Rails reads one: <c>true</c>, <c>1</c>, <c>on</c>, <c>t</c> (any case) are true; absent is false.</summary>
    public static bool IsSet(string? value) => value?.ToLowerInvariant() is "true" or "1" or "on" or "t";

    /// <returns>The parameters, or null when the body is neither a form nor a JSON object (no body at all is an empty form).</returns>
    public static async Task<MastodonForm?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = new MastodonForm();
        foreach (var (name, values) in request.Query)
        {
            form.Add(name, values.OfType<string>());
        }

        if (request.HasFormContentType)
        {
            IFormCollection body;
            try
            {
                body = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException)
            {
                return null; // A value with a NUL, or a broken multipart body: no form to read.
            }

            foreach (var (name, values) in body)
            {
                form.Add(name, values.OfType<string>());
            }

            // A file (an avatar, a header) is present like any other parameter, so that what Coo refuses is not dropped.
            foreach (var file in body.Files)
            {
                form.Add(file.Name, []);
            }

            return form;
        }

        if (!request.HasJsonContentType())
        {
            return request.ContentLength is null or 0 && request.ContentType is null ? form : null;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
            {
                form.Add(property.Name, Values(property.Value));
            }

            return form;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Under the name before its first bracket: <c>media_ids[]</c> is <c>media_ids</c>, and a nested object sent as a
    /// form (<c>poll[options][]</c>, <c>fields_attributes[0][name]</c>) is present as <c>poll</c>, as in JSON.
    /// </summary>
    private void Add(string name, IEnumerable<string> values)
    {
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        var key = bracket > 0 ? name[..bracket] : name;
        if (!_values.TryGetValue(key, out var list))
        {
            _values[key] = list = [];
        }

        list.AddRange(values);
    }

    /// <summary>A JSON value's scalars, those inside a list or an object too, as a form would list them.</summary>
    private static IEnumerable<string> Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Values),
        JsonValueKind.Object => value.EnumerateObject().SelectMany(property => Values(property.Value)),
        _ => [],
    };
}
