using System.Text.Json.Serialization;
using Mediator;

namespace Coo.Modules.OAuth.Features.CreateApplication;

/// <summary>Registers a client application: a confidential OAuth client that may use every grant Coo offers.</summary>
internal sealed record CreateApplication(string Name, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes, string? Website)
    : ICommand<MastodonApplication>;

/// <summary>Mastodon's Application entity, as "Create an application" returns it (with the client's credentials).</summary>
internal sealed record MastodonApplication(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("website")] string? Website,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("redirect_uri")] string RedirectUri,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("vapid_key")] string VapidKey);

/// <summary>Mastodon's error entity, which its clients read (not problem details).</summary>
internal sealed record MastodonError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription = null);
