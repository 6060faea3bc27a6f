using System.Globalization;
using System.Net.Http.Headers;
using Coo.Modules.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Media;

internal sealed record MediaItem(
    string Id, string Type, string Url, string PreviewUrl, int Width, int Height, int PreviewWidth, int PreviewHeight, string Description);

internal sealed record CooWithMedia(string Id, string Text, List<MediaItem> Media);

/// <summary>Uploads, coos with images, the Media module's rows and its jobs, for the media tests.</summary>
internal static class MediaApi
{
    public static MultipartFormDataContent Form(byte[] content, string fileName, string contentType, string? description)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }

        return form;
    }

    public static async Task<HttpResponseMessage> SendFormAsync(HttpClient client, TestUser user, MultipartFormDataContent form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = form };
        return await client.SendAsync(request.Authorized(user.Tokens.AccessToken));
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, TestUser user, byte[] content, string fileName, string contentType, string? description) =>
        SendFormAsync(client, user, Form(content, fileName, contentType, description));

    public static async Task<MediaItem> UploadOkAsync(HttpClient client, TestUser user, byte[] content, string fileName, string contentType, string description)
    {
        using var response = await UploadAsync(client, user, content, fileName, contentType, description);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MediaItem>())!;
    }

    public static Task<HttpResponseMessage> PostCooAsync(HttpClient client, TestUser user, string text, params string[] mediaIds) =>
        client.SendAsAsync(HttpMethod.Post, "/api/v1/coos", user.Tokens.AccessToken, new { text, mediaIds });

    public static async Task<string> PostCooOkAsync(HttpClient client, TestUser user, string text, params string[] mediaIds)
    {
        using var response = await PostCooAsync(client, user, text, mediaIds);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CooWithMedia>())!.Id;
    }

    public static Task<int> UploadsOfAsync(CooApiFactory factory, TestUser user) => CountAsync(factory, user, confirmedOnly: false);

    public static Task<int> ConfirmedUploadsOfAsync(CooApiFactory factory, TestUser user) => CountAsync(factory, user, confirmedOnly: true);

    public static async Task<int> SweepCandidatesAsync(CooApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MediaDbContext>().SweepCandidates.CountAsync();
    }

    private static async Task<int> CountAsync(CooApiFactory factory, TestUser user, bool confirmedOnly)
    {
        using var scope = factory.Services.CreateScope();
        var ownerId = long.Parse(user.Id, CultureInfo.InvariantCulture);
        return await scope.ServiceProvider.GetRequiredService<MediaDbContext>().Items
            .CountAsync(m => m.OwnerId == ownerId && (!confirmedOnly || m.Confirmed));
    }
}
