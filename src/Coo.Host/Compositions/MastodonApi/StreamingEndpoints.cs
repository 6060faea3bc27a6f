using Coo.Host.Compositions.Streaming;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's streaming API, from the same per-user event log as Coo's own stream (<see cref="MastodonUserEvents"/>),
/// the way Mastodon serves it. Over server-sent events, <c>/api/v1/streaming/user</c> and <c>/user/notification</c>:
/// <c>event</c> and <c>data</c> lines, and while idle a <c>:thump</c> comment line with no blank line after it
/// (Mastodon.py reads a blank line as an event without a name). Over a WebSocket, <c>/api/v1/streaming</c>: the streams
/// named by <c>?stream=</c> and by <c>subscribe</c> messages, each event a JSON message naming its stream
/// (<see cref="MastodonWebSocketStream"/>). No event ids, as Mastodon resumes nothing. The token comes in the
/// <c>Authorization</c> header or, as browsers cannot send headers there, as <c>access_token</c> in the query or as
/// the WebSocket's protocol (<see cref="UseMastodonStreamingTokens"/>).
/// </summary>
internal static class StreamingEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/streaming/health", () => Results.Text("OK")).AllowAnonymous();
        v1.MapGet("/streaming/user", (HttpContext http, IUserEventLog log, ResolvedEvents resolver, IOptions<LiveOptions> options) =>
                EventStreamAsync(http, log, resolver, options.Value, notificationsOnly: false))
            .RequireAuthorization()
            .RequireScope(MastodonScopes.ReadStatuses);
        v1.MapGet("/streaming/user/notification", (HttpContext http, IUserEventLog log, ResolvedEvents resolver, IOptions<LiveOptions> options) =>
                EventStreamAsync(http, log, resolver, options.Value, notificationsOnly: true))
            .RequireAuthorization()
            .RequireScope(MastodonScopes.ReadNotifications);
        // A WebSocket over HTTP/2 opens with CONNECT (RFC 8441), over HTTP/1.1 with GET.
        v1.MapMethods("/streaming", [HttpMethods.Get, HttpMethods.Connect], WebSocketAsync)
            .RequireAuthorization()
            .RequireScope(MastodonScopes.ReadStatuses);
    }

    /// <summary>
    /// A WebSocket's token comes as its protocol (masto.js, megalodon): it is read as the bearer token, and the accepted
    /// socket names the same protocol, as a browser requires. Before authentication; the streaming paths only.
    /// </summary>
    public static IApplicationBuilder UseMastodonStreamingTokens(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api/v1/streaming", StringComparison.Ordinal)
            && http.WebSockets.IsWebSocketRequest
            && http.Request.Headers.Authorization.Count == 0
            && http.WebSockets.WebSocketRequestedProtocols is [var token, ..])
        {
            http.Request.Headers.Authorization = $"Bearer {token}";
        }

        return next(http);
    });

    private static async Task<IResult> EventStreamAsync(HttpContext http, IUserEventLog log, ResolvedEvents resolver, LiveOptions options, bool notificationsOnly)
    {
        var viewerId = http.User.GetUserId();
        var cancellationToken = http.RequestAborted;
        var (listener, refused) = await ListenAsync(http, log, viewerId);
        if (listener is null)
        {
            return refused!;
        }

        await using var _ = listener;
        var events = new MastodonUserEvents(http.RequestServices, resolver, viewerId);
        await events.StartAsync(cancellationToken);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";

        // Proxies must pass each event on at once, not collect the response.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await WriteAsync(http, ":)\n", cancellationToken);
        var credentials = StreamCredentials.Of(http);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await listener.NextAsync(options.HeartbeatInterval, cancellationToken);
                if (!await credentials.StillAcceptedAsync(cancellationToken))
                {
                    break;
                }

                if (batch.Events.Count == 0)
                {
                    await WriteAsync(http, ":thump\n", cancellationToken);
                    continue;
                }

                foreach (var shown in await events.ShowAsync(batch.Events, cancellationToken))
                {
                    if (shown.IsNotification || !notificationsOnly)
                    {
                        await WriteAsync(http, $"event: {shown.Name}\ndata: {shown.Payload}\n\n", cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app closed the stream.
        }

        return Results.Empty;
    }

    private static async Task<IResult> WebSocketAsync(HttpContext http, IUserEventLog log, ResolvedEvents resolver, IOptions<LiveOptions> options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return MastodonJson.Error(StatusCodes.Status400BadRequest, "This is Mastodon's streaming WebSocket: open it as one, or use /api/v1/streaming/user");
        }

        var viewerId = http.User.GetUserId();
        var (listener, refused) = await ListenAsync(http, log, viewerId);
        if (listener is null)
        {
            return refused!;
        }

        await using var _ = listener;
        var events = new MastodonUserEvents(http.RequestServices, resolver, viewerId);
        await events.StartAsync(http.RequestAborted);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = http.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(),
            KeepAliveInterval = options.Value.HeartbeatInterval,

            // A socket whose app no longer answers pings gives its place in the per-user stream limit back.
            KeepAliveTimeout = options.Value.HeartbeatInterval * 3,
        });
        using var stream = new MastodonWebSocketStream(socket, events, http.User.OAuthScopes(), StreamCredentials.Of(http));
        await stream.RunAsync(listener, http.Request.Query["stream"].FirstOrDefault(), options.Value.HeartbeatInterval, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task<(IUserEventListener? Listener, IResult? Refused)> ListenAsync(HttpContext http, IUserEventLog log, long viewerId)
    {
        try
        {
            return await log.ListenAsync(viewerId, lastEventId: null, http.RequestAborted) is { } listener
                ? (listener, null)
                : (null, MastodonJson.Error(StatusCodes.Status429TooManyRequests, "As many streams are open as one account may have; close one first"));
        }
        catch (LiveEventsUnavailableException)
        {
            http.Response.Headers.RetryAfter = "5";
            return (null, MastodonJson.Error(StatusCodes.Status503ServiceUnavailable, "Streaming is unavailable for a moment; reconnect shortly"));
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync(text, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
