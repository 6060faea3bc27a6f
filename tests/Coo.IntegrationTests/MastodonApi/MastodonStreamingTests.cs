using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Coo.IntegrationTests.OAuth;
using Coo.IntegrationTests.Streaming;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>Mastodon's streaming API for the <c>user</c> stream, over server-sent events.</summary>
[Collection(ApiCollection.Name)]
public sealed class MastodonStreamingTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task The_user_stream_sends_statuses_coming_in_their_deletion_and_new_notifications_as_mastodon_writes_them(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada_stream");
        var bob = await client.CreateUserAsync("bob_stream");
        await client.FollowOkAsync(ada, "bob_stream");
        var adasCoo = await client.PostCooOkAsync(ada, "before the stream");
        var token = await client.PasswordTokenAsync(await client.CreateAppAsync(), ada, scope: "read");

        // The token in the query, as browsers' streams send it.
        await using var user = await TestEventStream.OpenAsync(client, $"/api/v1/streaming/user?access_token={token}", accessToken: null);
        await using var notifications = await TestEventStream.OpenAsync(client, "/api/v1/streaming/user/notification", token);
        var bobsCoo = await client.PostCooOkAsync(bob, "live via mastodon");
        var update = JsonDocument.Parse(await user.SkipToRawAsync("update")).RootElement;
        MastodonSchema.AssertIs("Status", update);
        Assert.Equal(bobsCoo.Id, update.GetProperty("id").GetString());

        await client.ReactOkAsync(HttpMethod.Put, bob, adasCoo.Id, "like");
        var notification = JsonDocument.Parse(await user.SkipToRawAsync("notification")).RootElement;
        MastodonSchema.AssertIs("Notification", notification);
        Assert.Equal("favourite", notification.GetProperty("type").GetString());
        Assert.Equal(adasCoo.Id, notification.GetProperty("status").GetProperty("id").GetString());
        var onlyNotifications = await notifications.NextAsync();
        Assert.Equal("notification", onlyNotifications.EventType);
        Assert.Equal(notification.GetRawText(), JsonDocument.Parse(onlyNotifications.Data).RootElement.GetRawText());

        (await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{bobsCoo.Id}", bob.Tokens.AccessToken)).Dispose();
        Assert.Equal(bobsCoo.Id, await user.SkipToRawAsync("delete"));
    }

    [Theory, Providers]
    public async Task The_websocket_multiplexer_takes_the_token_as_its_protocol_and_sends_each_event_naming_its_stream(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var dee = await client.CreateUserAsync("dee_stream");
        var eli = await client.CreateUserAsync("eli_stream");
        await client.FollowOkAsync(dee, "eli_stream");
        var token = await client.PasswordTokenAsync(await client.CreateAppAsync(), dee, scope: "read");
        var sockets = factory.Server.CreateWebSocketClient();
        sockets.SubProtocols.Add(token);

        using var socket = await sockets.ConnectAsync(new Uri(factory.Server.BaseAddress, "/api/v1/streaming?stream=user"), CancellationToken.None);
        Assert.Equal(token, socket.SubProtocol);
        await SendAsync(socket, """{"type":"subscribe","stream":"public"}""");
        var refused = await ReceiveAsync(socket);
        var posted = await client.PostCooOkAsync(eli, "live over a socket");
        var update = await ReceiveAsync(socket);
        await SendAsync(socket, """{"type":"subscribe","stream":"user:notification"}""");
        await client.FollowOkAsync(eli, "dee_stream");
        List<JsonElement> notifications = [await ReceiveAsync(socket), await ReceiveAsync(socket)];
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal(400, refused.GetProperty("status").GetInt32());
        Assert.Equal(["user"], update.GetProperty("stream").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("update", update.GetProperty("event").GetString());
        var status = JsonDocument.Parse(update.GetProperty("payload").GetString()!).RootElement;
        MastodonSchema.AssertIs("Status", status);
        Assert.Equal(posted.Id, status.GetProperty("id").GetString());
        Assert.Equal(
            ["user", "user:notification"],
            notifications.Select(n => n.GetProperty("stream")[0].GetString()).Order(StringComparer.Ordinal));
        Assert.All(notifications, n => Assert.Equal("follow", JsonDocument.Parse(n.GetProperty("payload").GetString()!).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_streaming_health_check_answers_OK_and_a_token_in_the_query_counts_on_streaming_paths_only()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        var cy = await client.CreateUserAsync("cy_stream");
        var token = await client.PasswordTokenAsync(await client.CreateAppAsync(), cy, scope: "read");

        using var health = await client.GetAsync("/api/v1/streaming/health");
        using var elsewhere = await client.GetAsync($"/api/v1/timelines/home?access_token={token}");
        using var withoutToken = await client.GetAsync("/api/v1/streaming/user");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("OK", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, patience.Token);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
