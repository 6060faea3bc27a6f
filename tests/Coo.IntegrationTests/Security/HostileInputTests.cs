using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;

namespace Coo.IntegrationTests.Security;

/// <summary>
/// A property over every operation the OpenAPI document lists: whatever hostile values its path, query, headers and
/// body carry, the host never answers 5xx, every refusal is RFC 9457 problem details (or, where the operation documents
/// Mastodon's error body, <c>{"error": "..."}</c>), no answer shows a stack trace, and a refused request changes no data. CsCheck generates the requests (and on a failure reports the smallest one
/// it found with a seed to replay it: <c>CsCheck_Seed=…</c>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiFixture fixture)
{
    /// <summary>Dozens of requests per operation: enough to hit every kind of value, and well under a minute.</summary>
    private const int Iterations = 600;

    private static readonly string[] StackTraceMarks = ["   at ", "Exception:", ".cs:line", "System.", "Microsoft.", "Npgsql", "SQLite Error"];

    /// <summary>One generated request.</summary>
    /// <param name="ContentTypeTaken">False for a content type the operation does not take: routing refuses it before the operation is chosen.</param>
    public sealed record FuzzRequest(
        string Method, string Url, string? Token, byte[]? Body, string? ContentType, string? IdempotencyKey, bool RefusesAsMastodon, bool ContentTypeTaken)
    {
        public override string ToString()
        {
            var body = Body is null ? "" : $" body[{Body.Length}] {Preview(Encoding.UTF8.GetString(Body))}";
            return $"{Method} {Preview(Url)} token={(Token is null ? "none" : "yes")} type={ContentType}{body}"
                + (IdempotencyKey is null ? "" : $" Idempotency-Key[{IdempotencyKey.Length}]");
        }

        private static string Preview(string text) => JsonSerializer.Serialize(text.Length > 200 ? text[..200] + "…" : text);
    }

    [Theory, Providers]
    public async Task Hostile_values_in_every_operation_never_fail_the_server_and_every_refusal_is_a_problem_that_changed_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var owner = await client.CreateUserAsync("olga");
        var admin = await client.CreateAdminAsync(factory.Services);
        var coo = await client.PostCooOkAsync(owner, "olga's coo");
        var (document, operations) = await ApiOperations.DiscoverAsync(client);

        // Operations with more to fuzz (parameters, a body) get more of the requests.
        var requests = Gen.Frequency([.. operations.Select(operation => (Weight(operation), (IGen<FuzzRequest>)RequestFor(operation, document, admin.Tokens.AccessToken, coo.Id)))]);
        var failures = new List<string>();
        try
        {
            await requests.SampleAsync(
                async request =>
                {
                    if (await CheckAsync(factory, client, owner.Username, request) is { } failure)
                    {
                        failures.Add($"{request}: {failure}");
                        throw new InvalidOperationException(failure);
                    }
                },
                iter: Iterations,
                threads: 1,
                print: request => request.ToString());
        }
        catch (Exception ex) when (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} hostile requests broke a promise:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct().Take(30))}"
                + $"{Environment.NewLine}{Environment.NewLine}CsCheck: {ex.Message}");
        }
    }

    /// <summary>Sends the request and says what, if anything, was wrong with the answer.</summary>
    private static async Task<string?> CheckAsync(CooApiFactory factory, HttpClient client, string watchedUser, FuzzRequest fuzz)
    {
        var before = await StateSnapshot.TakeAsync(factory, watchedUser);
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url);
        if (fuzz.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fuzz.Token);
        }

        if (fuzz.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", fuzz.IdempotencyKey);
        }

        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;

        // A live stream that opened stays open: its status says all there is.
        var text = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{status}: {text}";
        }

        if (StackTraceMarks.FirstOrDefault(mark => text.Contains(mark, StringComparison.Ordinal)) is { } mark)
        {
            return $"{status} shows internals ('{mark}'): {text}";
        }

        if (status < 400)
        {
            return null;
        }

        // A 415 comes from routing, which refuses the content type before any operation is chosen, and so does any
        // refusal of a content type the operation does not take (a 413 when the body is too large as well): problem
        // details whatever the operation.
        var asMastodon = fuzz.RefusesAsMastodon && fuzz.ContentTypeTaken && status != StatusCodes.Status415UnsupportedMediaType;
        if (asMastodon ? !IsMastodonError(response, text) : response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} is not {(asMastodon ? "Mastodon's error body" : "problem details")} but {response.Content.Headers.ContentType}: {text}";
        }

        var after = await StateSnapshot.TakeAsync(factory, watchedUser);
        return after == before ? null : $"{status} but the data changed: {before} → {after}";
    }

    private static Gen<FuzzRequest> RequestFor(ApiOperation operation, JsonElement document, string token, string cooId)
    {
        var parameters = operation.Description.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        var path = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList();
        var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        var hasIdempotencyKey = parameters.Any(p => p.GetProperty("in").GetString() == "header");

        var pathValues = HostileInput.Sequence(path.Select(name => Gen.Frequency(
            (1, Gen.Const(name == "id" ? cooId : "olga")),
            (1, Gen.OneOf("%ED%A0%80", "%FF", "%2F", "%2e%2e", "%C0%AF", "-1", "0", "9223372036854775808")),

            // Kestrel refuses a NUL in the path itself (400, before the app runs), so it is no test of the app.
            (4, HostileInput.Text.Select(text => EscapeForUrl(text.Replace("\0", "", StringComparison.Ordinal)))))));
        var queryValues = HostileInput.Sequence(query.Select(name => Gen.Frequency(
            (2, Gen.Const((string?)null)),
            (1, Gen.Const((string?)ValidQueryValue(name))),
            (4, HostileInput.Text.Select(text => (string?)$"{name}={EscapeForUrl(text)}")))));
        var idempotencyKey = hasIdempotencyKey
            ? Gen.Frequency(
                (1, Gen.Const((string?)null)),
                (1, Gen.Int[0, int.MaxValue].Select(n => (string?)$"key-{n}")),
                (2, HostileInput.Text.Select(text => (string?)new string([.. text.Where(c => c is >= ' ' and <= '~')]))))
            : Gen.Const((string?)null);
        var content = operation.Description.TryGetProperty("requestBody", out var requestBody) ? requestBody.GetProperty("content") : (JsonElement?)null;
        var isForm = content?.TryGetProperty(FormType, out _) == true;
        var takenTypes = content?.EnumerateObject().Select(type => type.Name).ToList() ?? [];
        var body = content is not { } described
            ? Gen.Const((byte[]?)null)
            : isForm
                ? HostileInput.Text.Select(text => (byte[]?)HostileForm(text))
                : HostileInput.Body(described.GetProperty("application/json").GetProperty("schema"), document).Select(b => (byte[]?)b);
        var contentType = Gen.Frequency(
            (8, Gen.Const((string?)(isForm ? $"{FormType}; boundary={FormBoundary}" : "application/json"))),
            (1, Gen.OneOf<string?>("text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded")),
            (1, Gen.Const((string?)null)));
        var caller = Gen.Frequency((4, Gen.Const((string?)token)), (1, Gen.Const((string?)null)));

        return Gen.Select(pathValues, queryValues, idempotencyKey, body, contentType, caller, (pathParts, queryParts, key, content, type, bearer) =>
        {
            var url = operation.Path;
            for (var i = 0; i < path.Count; i++)
            {
                url = url.Replace($"{{{path[i]}}}", pathParts[i], StringComparison.Ordinal);
            }

            var present = queryParts.Where(q => q is not null).ToList();
            if (present.Count > 0)
            {
                url += "?" + string.Join('&', present);
            }

            var mediaType = type?.Split(';')[0].Trim();
            var taken = content is null || mediaType is null || takenTypes.Any(t => t.Equals(mediaType, StringComparison.OrdinalIgnoreCase));
            return new FuzzRequest(operation.Method, url, bearer, content, content is null ? null : type, key, RefusesAsMastodon(operation), taken);
        });
    }

    /// <summary>An operation that documents a refusal as Mastodon's <c>{"error"}</c> body (a Mastodon client reads no other).</summary>
    private static bool RefusesAsMastodon(ApiOperation operation) =>
        operation.Description.TryGetProperty("responses", out var responses)
        && responses.EnumerateObject().Any(response => response.Name.StartsWith('4')
            && response.Value.TryGetProperty("content", out var content)
            && content.TryGetProperty("application/json", out var json)
            && json.GetProperty("schema").TryGetProperty("$ref", out var schema)
            && schema.GetString()!.EndsWith("/MastodonError", StringComparison.Ordinal));

    private static bool IsMastodonError(HttpResponseMessage response, string text)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return false;
        }

        try
        {
            using var body = JsonDocument.Parse(text);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private const string FormType = "multipart/form-data";

    private const string FormBoundary = "hostile-boundary";

    /// <summary>An upload form (<c>POST /media</c>) whose file and alt text are both the hostile text.</summary>
    private static byte[] HostileForm(string text) => Encoding.UTF8.GetBytes(
        $"--{FormBoundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n{text}\r\n"
        + $"--{FormBoundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n{text}\r\n--{FormBoundary}--\r\n");

    private static int Weight(ApiOperation operation) =>
        1 + (operation.Description.TryGetProperty("parameters", out var parameters) ? parameters.GetArrayLength() : 0)
        + (operation.Description.TryGetProperty("requestBody", out _) ? 3 : 0);

    private static string? ValidQueryValue(string name) => name switch
    {
        "limit" => "limit=5",
        "granularity" => "granularity=hour",
        "from" or "to" => $"{name}={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(name == "from" ? -3 : 0).ToString("O", CultureInfo.InvariantCulture))}",
        _ => null,
    };

    /// <summary>Percent-encodes the UTF-8 bytes of the text (a lone surrogate becomes U+FFFD's bytes, as any client would send).</summary>
    private static string EscapeForUrl(string text)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return escaped.ToString();
    }
}
