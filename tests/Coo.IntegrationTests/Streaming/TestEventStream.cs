using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Coo.IntegrationTests.Streaming;

/// <summary>A client's open event stream (Coo's <c>GET /users/me/stream</c>, or Mastodon's), read with the runtime's own SSE parser.</summary>
internal sealed class TestEventStream : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _closed = new();
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private TestEventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _events = SseParser.Create(body).EnumerateAsync(_closed.Token).GetAsyncEnumerator(_closed.Token);
    }

    public static Task<TestEventStream> OpenAsync(HttpClient client, TestUser user, string? lastEventId = null) =>
        OpenAsync(client, "/api/v1/users/me/stream", user.Tokens.AccessToken, lastEventId);

    /// <summary>The stream at <paramref name="path"/>, with <paramref name="accessToken"/> as the bearer when given.</summary>
    public static async Task<TestEventStream> OpenAsync(HttpClient client, string path, string? accessToken, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Authorized(accessToken);
        }

        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var patience = new CancellationTokenSource(Patience);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new TestEventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event other than a heartbeat; fails when none comes within the patience.</summary>
    public async Task<SseItem<string>> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        timeout.CancelAfter(Patience);
        while (true)
        {
            var next = await NextOrHeartbeatAsync(timeout.Token);
            if (next.EventType != "heartbeat")
            {
                return next;
            }
        }
    }

    /// <summary>The next event, a heartbeat too; fails when none comes within the patience.</summary>
    public async Task<SseItem<string>> NextOrHeartbeatAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        timeout.CancelAfter(Patience);
        return await NextOrHeartbeatAsync(timeout.Token);
    }

    private async Task<SseItem<string>> NextOrHeartbeatAsync(CancellationToken timeout)
    {
        var next = _events.MoveNextAsync().AsTask();
        if (await Task.WhenAny(next, Task.Delay(Timeout.Infinite, timeout)) != next)
        {
            Assert.Fail($"no event within {Patience}");
        }

        Assert.True(await next, "the stream ended");
        return _events.Current;
    }

    /// <summary>Reads on until the server ends the stream; fails when it is still open after the patience.</summary>
    public async Task EndsAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        timeout.CancelAfter(Patience);
        while (true)
        {
            var next = _events.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(Timeout.Infinite, timeout.Token)) != next)
            {
                Assert.Fail($"the stream was still open after {Patience}");
            }

            if (!await next)
            {
                return;
            }
        }
    }

    /// <summary>The next event, which must be of <paramref name="type"/>; its data parsed.</summary>
    public async Task<(string? Id, JsonElement Data)> NextAsync(string type)
    {
        var item = await NextAsync();
        Assert.Equal(type, item.EventType);
        return (item.EventId, JsonDocument.Parse(item.Data).RootElement.Clone());
    }

    /// <summary>The next event of <paramref name="type"/>, past events of other types, with its data as sent.</summary>
    public async Task<string> SkipToRawAsync(string type)
    {
        var item = await NextAsync();
        while (item.EventType != type)
        {
            item = await NextAsync();
        }

        return item.Data;
    }

    /// <summary>The next event of <paramref name="type"/>, past events of other types.</summary>
    public async Task<(string? Id, JsonElement Data)> SkipToAsync(string type)
    {
        var item = await NextAsync();
        while (item.EventType != type)
        {
            item = await NextAsync();
        }

        return (item.EventId, JsonDocument.Parse(item.Data).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the response ends a read still waiting; the parser's enumerator cannot be disposed while it waits.
        await _closed.CancelAsync();
        _response.Dispose();
        _closed.Dispose();
    }
}
