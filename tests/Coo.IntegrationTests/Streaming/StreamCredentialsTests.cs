using Coo.IntegrationTests.OAuth;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Streaming;

/// <summary>A stream is a request that lasts: it ends once the access token that opened it would be refused.</summary>
[Collection(ApiCollection.Name)]
public sealed class StreamCredentialsTests
{
    // Streams wake at every heartbeat, and are told about a token at most this often: both short here.
    private static readonly Dictionary<string, string> QuickStreams = new()
    {
        ["Streaming:HeartbeatInterval"] = "00:00:00.200",
        ["Streaming:TokenCheckInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task A_stream_ends_once_the_access_token_that_opened_it_has_expired()
    {
        var clock = new ShiftedClock();
        await using var factory = new CooApiFactory(TestProvider.Sqlite, ownDatabase: true);
        foreach (var (key, value) in QuickStreams)
        {
            factory.Settings[key] = value;
        }

        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = host.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        await using var stream = await TestEventStream.OpenAsync(client, ada);
        Assert.Equal("heartbeat", (await stream.NextOrHeartbeatAsync()).EventType);
        Assert.Equal("heartbeat", (await stream.NextOrHeartbeatAsync()).EventType);

        // Past the token's lifetime and the clock skew every request is allowed.
        clock.Advance(TimeSpan.FromSeconds(ada.Tokens.ExpiresIn) + AuthenticationSetup.ClockSkew + TimeSpan.FromSeconds(1));

        await stream.EndsAsync();
    }

    [Theory, Providers]
    public async Task A_mastodon_stream_ends_once_its_oauth_token_is_revoked(TestProvider provider)
    {
        await using var factory = new CooApiFactory(provider, ownDatabase: true);
        foreach (var (key, value) in QuickStreams)
        {
            factory.Settings[key] = value;
        }

        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada_revoked");
        var bob = await client.CreateUserAsync("bob_revoked");
        await client.FollowOkAsync(ada, "bob_revoked");
        var app = await client.CreateAppAsync();
        var token = await client.PasswordTokenAsync(app, ada, scope: "read");
        await using var stream = await TestEventStream.OpenAsync(client, "/api/v1/streaming/user", token);

        // Checked several times while valid, the stream stays open and delivers.
        var coo = await client.PostCooOkAsync(bob, "still streaming");
        Assert.Contains(coo.Id, await stream.SkipToRawAsync("update"), StringComparison.Ordinal);
        using var revoked = await client.RevokeAsync(app, token);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        await stream.EndsAsync();
    }

    [Fact]
    public async Task A_mastodon_websocket_closes_with_1008_once_its_oauth_token_is_revoked()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite, ownDatabase: true);
        foreach (var (key, value) in QuickStreams)
        {
            factory.Settings[key] = value;
        }

        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada_socket");
        var app = await client.CreateAppAsync();
        var token = await client.PasswordTokenAsync(app, ada, scope: "read");
        var sockets = factory.Server.CreateWebSocketClient();
        sockets.SubProtocols.Add(token);
        using var socket = await sockets.ConnectAsync(new Uri(factory.Server.BaseAddress, "/api/v1/streaming?stream=user"), CancellationToken.None);

        using var revoked = await client.RevokeAsync(app, token);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        // Nothing is posted: the next message can only be the close.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await socket.ReceiveAsync(new byte[4096], patience.Token);
        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, received.CloseStatus);
    }
}
