using System.Net.WebSockets;
using System.Text.Json;
using Coo.Host.Compositions.Streaming;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Security;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// One app's WebSocket on Mastodon's streaming multiplexer: it subscribes to streams (<c>user</c>,
/// <c>user:notification</c>) with <c>{"type":"subscribe","stream":...}</c> messages, and gets each event as
/// <c>{"stream":[...],"event":...,"payload":...}</c>, the payload a JSON text (an id for <c>delete</c>), as Mastodon
/// sends them. A request Coo cannot serve gets Mastodon's <c>{"error":...,"status":...}</c> message and leaves the socket
/// open. The socket's own pings keep an idle connection alive.
/// </summary>
internal sealed class MastodonWebSocketStream(
    WebSocket socket, MastodonUserEvents events, IReadOnlyList<string>? oauthScopes, StreamCredentials credentials) : IDisposable
{
    // A subscription message is a few short fields; a longer one is no app's.
    private const int MaxMessageBytes = 4096;

    private static readonly Dictionary<string, string> ScopeOfStream = new(StringComparer.Ordinal)
    {
        ["user"] = MastodonScopes.ReadStatuses,
        ["user:notification"] = MastodonScopes.ReadNotifications,
    };

    private readonly Lock _lock = new();
    private readonly HashSet<string> _subscribed = [];
    private readonly SemaphoreSlim _sending = new(1, 1);

    public async Task RunAsync(IUserEventListener listener, string? initialStream, TimeSpan wait, CancellationToken aborted)
    {
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var receiving = ReceiveAsync(closing);
        try
        {
            if (initialStream is not null)
            {
                await SubscribeAsync(initialStream, closing.Token);
            }

            while (!closing.IsCancellationRequested)
            {
                var batch = await listener.NextAsync(wait, closing.Token);
                if (!await credentials.StillAcceptedAsync(closing.Token))
                {
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, "The access token is no longer valid.", closing.Token);
                    break;
                }

                if (batch.Events.Count == 0 || Subscribed() is [])
                {
                    continue;
                }

                foreach (var shown in await events.ShowAsync(batch.Events, closing.Token))
                {
                    foreach (var stream in Subscribed().Where(stream => stream == "user" || shown.IsNotification))
                    {
                        await SendAsync(new StreamMessage([stream], shown.Name, shown.Payload), closing.Token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The app closed the socket, or went away.
        }
        finally
        {
            await closing.CancelAsync();
            await receiving;
        }
    }

    public void Dispose() => _sending.Dispose();

    private async Task ReceiveAsync(CancellationTokenSource closing)
    {
        var buffer = new byte[MaxMessageBytes];
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(length), closing.Token);
                    length += received.Count;
                }
                while (!received.EndOfMessage && length < buffer.Length);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
                    return;
                }

                if (!received.EndOfMessage)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, "A message is at most 4 KiB", closing.Token);
                    return;
                }

                await HandleAsync(buffer.AsMemory(0, length), closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The socket is closing.
        }
        finally
        {
            await closing.CancelAsync();
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        SubscriptionRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SubscriptionRequest>(message.Span, MastodonJson.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        switch (request)
        {
            case { Type: "subscribe", Stream: { } stream }:
                await SubscribeAsync(stream, cancellationToken);
                break;
            case { Type: "unsubscribe", Stream: { } stream }:
                lock (_lock)
                {
                    _subscribed.Remove(stream);
                }

                break;
            default:
                await SendAsync(new StreamError("Bad request: send {\"type\":\"subscribe\",\"stream\":\"user\"}", StatusCodes.Status400BadRequest), cancellationToken);
                break;
        }
    }

    private async Task SubscribeAsync(string stream, CancellationToken cancellationToken)
    {
        if (!ScopeOfStream.TryGetValue(stream, out var scope))
        {
            await SendAsync(new StreamError($"Unknown stream type: Coo streams user and user:notification, not {stream}", StatusCodes.Status400BadRequest), cancellationToken);
        }
        else if (oauthScopes is not null && !MastodonScopes.Covers(oauthScopes, scope))
        {
            await SendAsync(new StreamError($"Access token does not have the required scope {scope}", StatusCodes.Status401Unauthorized), cancellationToken);
        }
        else
        {
            lock (_lock)
            {
                _subscribed.Add(stream);
            }
        }
    }

    private string[] Subscribed()
    {
        lock (_lock)
        {
            return [.. _subscribed];
        }
    }

    /// <summary>Closes the socket's sending side, taking its turn after a message being sent.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await socket.CloseOutputAsync(status, description, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task SendAsync<T>(T message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, MastodonJson.Options);
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private sealed record SubscriptionRequest(string? Type, string? Stream);

    private sealed record StreamMessage(string[] Stream, string Event, string Payload);

    private sealed record StreamError(string Error, int Status);
}
