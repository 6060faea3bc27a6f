using System.Text.Json;
using Coo.Modules.Media.Jobs;
using static Coo.IntegrationTests.Media.MediaApi;
using SweepCandidate = Coo.Modules.Media.Domain.SweepCandidate;

namespace Coo.IntegrationTests.Media;

/// <summary>Avatars: the generated default, an upload through the image pipeline, and both shown wherever the account appears.</summary>
[Collection(ApiCollection.Name)]
public sealed class AvatarTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_new_account_shows_a_generated_avatar_in_two_square_sizes_served_for_ever(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");

        var me = await MeAsync(client, ada);
        Assert.Equal($"/api/v1/media/default-avatars/{ada.Id}-400.png", me.GetProperty("avatarUrl").GetString());
        Assert.Equal($"/api/v1/media/default-avatars/{ada.Id}-96.png", me.GetProperty("avatarSmallUrl").GetString());
        var large = await ImageAsync(client, me.GetProperty("avatarUrl").GetString()!, "image/png");
        var small = await ImageAsync(client, me.GetProperty("avatarSmallUrl").GetString()!, "image/png");
        Assert.Equal((400, 400, false), TestImages.Read(large));
        Assert.Equal((96, 96, false), TestImages.Read(small));
        Assert.Equal(large, await ImageAsync(client, me.GetProperty("avatarUrl").GetString()!, "image/png"));

        using var otherSize = await client.GetAsync($"/api/v1/media/default-avatars/{ada.Id}-97.png");
        Assert.Equal(HttpStatusCode.NotFound, otherSize.StatusCode);
    }

    [Theory, Providers]
    public async Task An_uploaded_avatar_is_its_middle_square_without_metadata_and_shows_with_coos_profiles_and_lists(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        await client.FollowOkAsync(grace, "ada");
        var coo = await client.PostCooOkAsync(ada, "a new face");
        var photo = TestImages.JpegWithGpsPosition(1200, 800);

        var avatar = await SetAvatarOkAsync(client, ada, photo, "me.jpg", "image/jpeg");

        Assert.Matches("^/api/v1/media/files/[0-9a-f]{64}\\.jpg$", avatar.AvatarUrl);
        Assert.Matches("^/api/v1/media/files/[0-9a-f]{64}\\.jpg$", avatar.AvatarSmallUrl);
        var large = await ImageAsync(client, avatar.AvatarUrl, "image/jpeg");
        Assert.Equal((400, 400, false), TestImages.Read(large));
        Assert.Equal(-1, large.AsSpan().IndexOf("TestCam"u8));
        Assert.Equal((96, 96, false), TestImages.Read(await ImageAsync(client, avatar.AvatarSmallUrl, "image/jpeg")));
        await AvatarEverywhereBecomesAsync(client, ada, grace, coo.Id, avatar);
    }

    [Theory, Providers]
    public async Task A_replaced_avatars_files_go_with_the_sweep_and_removing_the_avatar_brings_back_the_default(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        await client.FollowOkAsync(grace, "ada");
        var coo = await client.PostCooOkAsync(ada, "changing faces");
        var first = await SetAvatarOkAsync(client, ada, TestImages.Stripes(300, 100), "first.png", "image/png");
        var firstFile = await ImageAsync(client, first.AvatarUrl, "image/png");
        Assert.Equal(
            [TestImages.Green, TestImages.Green, TestImages.Green],
            new[] { (0, 0), (200, 200), (399, 399) }.Select(at => TestImages.PixelAt(firstFile, at.Item1, at.Item2)));
        var second = await SetAvatarOkAsync(client, ada, TestImages.Png(90, 60), "second.png", "image/png");
        await AvatarEverywhereBecomesAsync(client, ada, grace, coo.Id, second);

        await factory.RunJobAsync<UnusedFileSweepJob>(SweepCandidate.GracePeriod + TimeSpan.FromMinutes(1));
        using (var gone = await client.GetAsync(first.AvatarUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal((400, 400, false), TestImages.Read(await ImageAsync(client, second.AvatarUrl, "image/png")));

        using var removed = await client.SendAsAsync(HttpMethod.Delete, "/api/v1/media/avatar", ada.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var shown = (await removed.Content.ReadFromJsonAsync<Avatar>())!;
        Assert.Equal(new Avatar($"/api/v1/media/default-avatars/{ada.Id}-400.png", $"/api/v1/media/default-avatars/{ada.Id}-96.png"), shown);
        await AvatarEverywhereBecomesAsync(client, ada, grace, coo.Id, shown);
    }

    public static TheoryData<string, byte[], HttpStatusCode, string> BadAvatars => new()
    {
        { "not an image", "<html><script>alert(1)</script></html>"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "media.not-an-image" },
        { "truncated JPEG", TestImages.JpegWithGpsPosition(400, 300)[..^200], HttpStatusCode.UnprocessableEntity, "media.damaged" },
        { "decompression bomb", TestImages.PngDeclaring(100_000, 100_000), HttpStatusCode.UnprocessableEntity, "media.too-many-pixels" },
        { "empty file", [], HttpStatusCode.BadRequest, "validation" },
    };

    [Theory, MemberData(nameof(BadAvatars))]
    public async Task A_bad_avatar_is_a_problem_and_the_account_keeps_its_avatar(string what, byte[] content, HttpStatusCode status, string problem)
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var before = await MeAsync(client, ada);

        using var response = await SendAvatarAsync(client, ada, content, "avatar.jpg", "image/jpeg");

        Assert.True(status == response.StatusCode, what);
        Assert.Equal($"urn:coo:problem:{problem}", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(before.GetProperty("avatarUrl").GetString(), (await MeAsync(client, ada)).GetProperty("avatarUrl").GetString());
    }

    [Fact]
    public async Task Changing_an_avatar_needs_a_sign_in()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        using var anonymous = await client.PutAsync("/api/v1/media/avatar", Form(TestImages.Png(10, 10), "a.png", "image/png", description: null));
        using var anonymousRemove = await client.DeleteAsync("/api/v1/media/avatar");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRemove.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAvatarAsync(HttpClient client, TestUser user, byte[] content, string fileName, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/media/avatar") { Content = Form(content, fileName, contentType, description: null) };
        return await client.SendAsync(request.Authorized(user.Tokens.AccessToken));
    }

    private static async Task<Avatar> SetAvatarOkAsync(HttpClient client, TestUser user, byte[] content, string fileName, string contentType)
    {
        using var response = await SendAvatarAsync(client, user, content, fileName, contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Avatar>())!;
    }

    private static async Task<JsonElement> MeAsync(HttpClient client, TestUser user)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", user.Tokens.AccessToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<byte[]> ImageAsync(HttpClient client, string url, string contentType)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// Polls until <paramref name="owner"/>'s avatar is <paramref name="avatar"/> wherever the account appears: their
    /// own profile, their public profile, their coo, and the list of those <paramref name="follower"/> follows.
    /// </summary>
    private static async Task AvatarEverywhereBecomesAsync(HttpClient client, TestUser owner, TestUser follower, string cooId, Avatar avatar) =>
        await Eventually.MatchAsync(
            async () =>
            {
                var me = await MeAsync(client, owner);
                var profile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{owner.Username}");
                var coo = await client.GetFromJsonAsync<JsonElement>($"/api/v1/coos/{cooId}");
                var following = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{follower.Username}/following");
                return new[] { me, profile, coo.GetProperty("author"), following.GetProperty("items")[0] }
                    .Select(shown => new Avatar(shown.GetProperty("avatarUrl").GetString()!, shown.GetProperty("avatarSmallUrl").GetString()!))
                    .ToList();
            },
            shown => shown.All(a => a == avatar),
            TimeSpan.FromSeconds(30),
            $"{owner.Username}'s avatar to be {avatar.AvatarUrl} wherever the account appears");

    private sealed record Avatar(string AvatarUrl, string AvatarSmallUrl);
}
