using System.Text;
using Coo.Modules.Media.Jobs;
using Coo.Modules.Media.Processing;
using Microsoft.Extensions.DependencyInjection;
using static Coo.IntegrationTests.Media.MediaApi;
using SweepCandidate = Coo.Modules.Media.Domain.SweepCandidate;

namespace Coo.IntegrationTests.Media;

[Collection(ApiCollection.Name)]
public sealed class MediaTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_coo_shows_its_images_in_order_with_their_sizes_and_the_files_are_served_for_ever_without_metadata(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var photo = TestImages.JpegWithGpsPosition(3000, 2000);
        Assert.True(TestImages.Read(photo).HasExif);

        var uploadedPhoto = await UploadOkAsync(client, ada, photo, "photo.jpg", "image/jpeg", "  A field at dusk  ");
        var uploadedPng = await UploadOkAsync(client, ada, TestImages.Png(300, 200), "drawing.png", "image/png", "A green square");
        using var posted = await PostCooAsync(client, ada, "two pictures", uploadedPng.Id, uploadedPhoto.Id);
        var fromPost = await posted.Content.ReadFromJsonAsync<CooWithMedia>();
        var fromRead = await client.GetFromJsonAsync<CooWithMedia>(posted.Headers.Location!.ToString());
        using var file = await client.GetAsync(uploadedPhoto.Url);
        var served = await file.Content.ReadAsByteArrayAsync();
        using var preview = await client.GetAsync(uploadedPhoto.PreviewUrl);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(new MediaItem(uploadedPhoto.Id, "image", uploadedPhoto.Url, uploadedPhoto.PreviewUrl, 2048, 1365, 640, 427, "A field at dusk"), uploadedPhoto);
        Assert.Equal(new[] { uploadedPng, uploadedPhoto }, fromPost!.Media);
        Assert.Equal(fromPost.Media, fromRead!.Media);
        Assert.Equal(300, uploadedPng.Width);
        Assert.Equal(uploadedPng.Url, uploadedPng.PreviewUrl);
        Assert.Matches("^/api/v1/media/files/[0-9a-f]{64}\\.jpg$", uploadedPhoto.Url);
        Assert.Matches("^/api/v1/media/files/[0-9a-f]{64}\\.png$", uploadedPng.Url);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/jpeg", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", file.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(file.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(file.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal((2048, 1365, false), TestImages.Read(served));
        Assert.Equal(-1, served.AsSpan().IndexOf("TestCam"u8));
        Assert.Equal((640, 427, false), TestImages.Read(await preview.Content.ReadAsByteArrayAsync()));
    }

    [Theory, Providers]
    public async Task Images_may_be_posted_without_text_but_a_coo_with_neither_is_refused(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var image = await UploadOkAsync(client, ada, TestImages.Png(300, 200), "drawing.png", "image/png", "A green square");

        using var imageOnly = await PostCooAsync(client, ada, "  ", image.Id);
        using var neither = await PostCooAsync(client, ada, "  ");

        Assert.Equal(HttpStatusCode.Created, imageOnly.StatusCode);
        var posted = (await imageOnly.Content.ReadFromJsonAsync<CooWithMedia>())!;
        Assert.Equal("", posted.Text);
        Assert.Equal([image.Id], posted.Media.Select(m => m.Id));
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Equal(["text"], (await neither.ReadProblemAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_coo_without_images_has_an_empty_list_and_an_unknown_file_is_404()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        var ada = await client.CreateUserAsync("ada");

        var coo = await client.PostCooOkAsync(ada, "just words");
        var read = await client.GetFromJsonAsync<CooWithMedia>($"/api/v1/coos/{coo.Id}");
        using var unknown = await client.GetAsync($"/api/v1/media/files/{new string('a', 64)}.jpg");
        using var notAName = await client.GetAsync("/api/v1/media/files/..%2Fcoo.db");

        Assert.Empty(read!.Media);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAName.StatusCode);
    }

    [Fact]
    public async Task The_type_is_told_by_the_content_a_png_named_jpg_is_stored_as_the_png_it_is()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        var ada = await client.CreateUserAsync("ada");

        var uploaded = await UploadOkAsync(client, ada, TestImages.Png(40, 30), "photo.jpg", "image/jpeg", "Renamed");
        using var file = await client.GetAsync(uploaded.Url);

        Assert.EndsWith(".png", uploaded.Url, StringComparison.Ordinal);
        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, byte[], string?, HttpStatusCode, string> Refused => new()
    {
        { "text named .png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "alt", HttpStatusCode.UnprocessableEntity, "media.not-an-image" },
        { "truncated JPEG", TestImages.JpegWithGpsPosition(400, 300)[..^200], "alt", HttpStatusCode.UnprocessableEntity, "media.damaged" },
        { "decompression bomb", TestImages.PngDeclaring(100_000, 100_000), "alt", HttpStatusCode.UnprocessableEntity, "media.too-many-pixels" },
        { "no alt text", TestImages.Png(10, 10), null, HttpStatusCode.BadRequest, "validation" },
        { "blank alt text", TestImages.Png(10, 10), "   ", HttpStatusCode.BadRequest, "validation" },
        { "alt text of 1,501 characters", TestImages.Png(10, 10), new string('a', 1501), HttpStatusCode.BadRequest, "validation" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_upload_is_a_problem_and_nothing_is_stored(string what, byte[] content, string? description, HttpStatusCode status, string problem)
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");

        using var response = await UploadAsync(client, ada, content, "image.png", "image/png", description);

        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
        Assert.Equal($"urn:coo:problem:{problem}", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(0, await UploadsOfAsync(factory, ada));
    }

    [Fact]
    public async Task An_upload_without_a_file_or_larger_than_the_limit_is_refused_and_one_at_the_limit_of_1500_characters_is_taken()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        var ada = await client.CreateUserAsync("ada");

        using var noFile = await SendFormAsync(client, ada, new MultipartFormDataContent { { new StringContent("alt"), "description" } });
        using var tooLarge = await UploadAsync(client, ada, new byte[(11 * 1024 * 1024) + 1], "big.png", "image/png", "alt");
        using var anonymous = await client.PostAsync("/api/v1/media", Form(TestImages.Png(10, 10), "a.png", "image/png", "alt"));
        var longest = await UploadOkAsync(client, ada, TestImages.Png(10, 10), "a.png", "image/png", new string('a', 1500));

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(1500, longest.Description.Length);
    }

    [Theory, Providers]
    public async Task Only_your_own_unused_uploads_can_be_attached_at_most_four_and_a_refused_post_uses_none(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var adas = new List<MediaItem>();
        for (var i = 0; i < 5; i++)
        {
            adas.Add(await UploadOkAsync(client, ada, TestImages.Png(10 + i, 10), "a.png", "image/png", $"image {i}"));
        }

        var graces = await UploadOkAsync(client, grace, TestImages.Png(20, 20), "g.png", "image/png", "grace's");

        using var five = await PostCooAsync(client, ada, "five", [.. adas.Select(m => m.Id)]);
        using var withSomeoneElses = await PostCooAsync(client, ada, "not mine", adas[0].Id, graces.Id);
        using var withUnknown = await PostCooAsync(client, ada, "unknown", adas[0].Id, "12345");
        using var four = await PostCooAsync(client, ada, "four", [.. adas.Take(4).Select(m => m.Id)]);
        using var again = await PostCooAsync(client, ada, "again", adas[0].Id);
        using var theFifth = await PostCooAsync(client, ada, "the fifth", adas[4].Id);

        Assert.Equal(HttpStatusCode.BadRequest, five.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withSomeoneElses.StatusCode);
        Assert.Equal("urn:coo:problem:media.not-found", (await withSomeoneElses.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, four.StatusCode);
        Assert.Equal(adas.Take(4).Select(m => m.Id), (await four.Content.ReadFromJsonAsync<CooWithMedia>())!.Media.Select(m => m.Id));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("urn:coo:problem:media.already-attached", (await again.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Created, theFifth.StatusCode);
    }

    [Theory, Providers]
    public async Task An_upload_nobody_posted_is_forgotten_after_a_day_and_the_sweep_then_deletes_its_file(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var posted = await UploadOkAsync(client, ada, TestImages.Png(10, 10), "a.png", "image/png", "posted");
        var unused = await UploadOkAsync(client, ada, TestImages.Png(12, 12), "b.png", "image/png", "unused");
        await PostCooOkAsync(client, ada, "with an image", posted.Id);

        await Eventually.MatchAsync(() => ConfirmedUploadsOfAsync(factory, ada), count => count == 1, what: "the posted coo to confirm its image");
        await factory.RunJobAsync<UnusedMediaCleanupJob>(TimeSpan.FromHours(23));
        var afterADayLess = await UploadsOfAsync(factory, ada);
        var aDayLater = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1);
        await factory.RunJobAsync<UnusedMediaCleanupJob>(aDayLater);
        var afterADay = await UploadsOfAsync(factory, ada);
        using var withCleanedUp = await PostCooAsync(client, ada, "too late", unused.Id);
        await factory.RunJobAsync<UnusedFileSweepJob>(aDayLater + SweepCandidate.GracePeriod + TimeSpan.FromMinutes(1));
        using var unusedFile = await client.GetAsync(unused.Url);
        using var postedFile = await client.GetAsync(posted.Url);

        Assert.Equal(2, afterADayLess);
        Assert.Equal(1, afterADay);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withCleanedUp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unusedFile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, postedFile.StatusCode);
    }

    [Fact]
    public async Task An_upload_that_finds_every_decoding_slot_busy_is_a_503_with_retry_after_and_stores_nothing()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var slots = factory.Services.GetRequiredService<DecodingSlots>();
        var taken = new List<IDisposable>();
        for (var i = 0; i < DecodingSlots.Count; i++)
        {
            taken.Add((await slots.TryTakeAsync(CancellationToken.None))!);
        }

        using var busy = await UploadAsync(client, ada, TestImages.Png(10, 10), "a.png", "image/png", "alt");
        var problem = await busy.ReadProblemAsync();
        var storedWhileBusy = await UploadsOfAsync(factory, ada);
        taken.ForEach(slot => slot.Dispose());
        using var again = await UploadAsync(client, ada, TestImages.Png(10, 10), "a.png", "image/png", "alt");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("urn:coo:problem:media.busy", problem.GetProperty("type").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        Assert.Equal(0, storedWhileBusy);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}
