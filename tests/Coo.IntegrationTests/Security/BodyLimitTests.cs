using System.Net.Http.Headers;
using System.Text;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Security;

/// <summary>Request bodies are capped before anything reads them: too large is 413 problem details, parsed by nobody.</summary>
[Collection(ApiCollection.Name)]
public sealed class BodyLimitTests(ApiFixture fixture)
{
    [Fact]
    public async Task An_oversized_sign_in_body_is_refused_before_the_per_username_limiter_reads_it_with_or_without_a_length()
    {
        // One sign-in per username: had the limiter parsed an oversized body, Ada's one sign-in would be spent.
        await using var factory = new CooApiFactory(TestProvider.Sqlite)
        {
            Settings = { ["RateLimits:SignInPerUsername:PermitLimit"] = "1", ["RateLimits:SignInPerUsername:Window"] = "01:00:00" },
        };
        using var client = Kestrel(factory);
        using (var registered = await client.RegisterAsync("ada"))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var oversized = Json(new { username = "ada", password = new string('x', 5_000) });
        foreach (var chunked in new[] { false, true })
        {
            using var response = await client.PostAsync("/api/v1/auth/token", Body(oversized, chunked));
            await AssertTooLargeAsync(response, BodyLimit.Credentials, chunked);
        }

        using var signIn = await client.SignInAsync("ada");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Theory, Providers]
    public async Task An_oversized_json_body_is_413_problem_details_and_changes_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var hugeText = Json(new { text = new string('a', 70_000) });
        var hugeBio = Json(new { bio = new string('b', 70_000) });

        foreach (var chunked in new[] { false, true })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/coos") { Content = Body(hugeText, chunked) };
            using var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/users/me") { Content = Body(hugeBio, chunked) };
            using var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
            {
                Content = Body(Json(new { username = "bob", email = "bob@example.com", password = new string('p', 9_000) }), chunked),
            };
            using var posted = await client.SendAsync(post.Authorized(ada.Tokens.AccessToken));
            using var patched = await client.SendAsync(patch.Authorized(ada.Tokens.AccessToken));
            using var registered = await client.SendAsync(register);

            await AssertTooLargeAsync(posted, BodyLimit.Default, chunked);
            await AssertTooLargeAsync(patched, BodyLimit.Default, chunked);
            await AssertTooLargeAsync(registered, BodyLimit.Registration, chunked);
        }

        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "users", "users"));
        Assert.Equal("", (await client.ProfileAsync("ada")).Bio);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, long limit, bool chunked)
    {
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"chunked={chunked}: {(int)response.StatusCode}");
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:coo:problem:body-too-large", problem.GetProperty("type").GetString());
        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>With a Content-Length, or streamed (chunked on a real server) so that its size is known only by reading it.</summary>
    private static HttpContent Body(string json, bool chunked) => chunked
        ? new StreamedJsonContent(json)
        : new StringContent(json, Encoding.UTF8, "application/json");

    /// <summary>The host on Kestrel, so that a streamed body really travels with chunked transfer encoding.</summary>
    private static HttpClient Kestrel(CooApiFactory factory)
    {
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var bound = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new HttpClient { BaseAddress = new UriBuilder(bound) { Host = "localhost" }.Uri };
    }

    private sealed class StreamedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public StreamedJsonContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // In pieces, as a client streaming a body would send it.
            foreach (var piece in _bytes.Chunk(1024))
            {
                await stream.WriteAsync(piece);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
