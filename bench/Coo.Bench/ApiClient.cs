using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coo.Bench;

internal sealed record Account(string Username, string AccessToken);

/// <summary>The public REST API, as any client uses it.</summary>
internal sealed class ApiClient(Uri address) : IDisposable
{
    /// <summary>The page size the bench's own reads ask for, as the web client does.</summary>
    public const int PageSize = 20;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>For requests the client has no method for, such as the like storm's warm-up.</summary>
    public HttpClient Http => _http;

    /// <summary>Signs in with the password every benchmark account has.</summary>
    public async Task<Account> SignInAsync(string username)
    {
        using var signedIn = await _http.PostAsJsonAsync("/api/v1/auth/token", new { username, password = SeedData.Password });
        signedIn.EnsureSuccessStatusCode();
        var token = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return new Account(username, token);
    }

    /// <summary>A request as the account sends it, for callers that send it themselves (the load driver).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, Account account, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<string> PostAsync(Account author, string text)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/coos", author, new { text });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Posting answered {response.StatusCode}.");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The id of the newest coo on the account's home timeline, or null.</summary>
    public async Task<string?> NewestOnHomeAsync(Account reader)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me/timeline?limit=1", reader);
        response.EnsureSuccessStatusCode();
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        return items.GetArrayLength() == 0 ? null : items[0].GetProperty("id").GetString();
    }

    /// <summary>How many coos the account's first home timeline page (of <see cref="PageSize"/>) shows.</summary>
    public async Task<int> HomePageCountAsync(Account reader)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/users/me/timeline?limit={PageSize}", reader);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
    }

    /// <summary>A coo's like count as an anonymous reader sees it.</summary>
    public async Task<int> LikesCountAsync(string cooId)
    {
        using var response = await _http.GetAsync($"/api/v1/coos/{cooId}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("likesCount").GetInt32();
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Account account, object? body = null)
    {
        using var request = Request(method, url, account, body);
        return await _http.SendAsync(request);
    }
}
