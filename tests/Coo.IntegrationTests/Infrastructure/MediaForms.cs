using System.Net.Http.Headers;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>Upload forms for <c>POST /api/v1/media</c>, for tests that call every operation.</summary>
public static class MediaForms
{
    public static MultipartFormDataContent Image(string? description)
    {
        using var image = new Image<Rgba32>(4, 3, new Rgba32(10, 200, 90));
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return Form(png.ToArray(), "image/png", description);
    }

    public static MultipartFormDataContent NotAnImage(string? description) => Form(Encoding.UTF8.GetBytes("<html></html>"), "image/png", description);

    /// <summary>Uploads an image as <paramref name="user"/> and returns the URL of its file.</summary>
    public static async Task<string> UploadAsync(HttpClient client, TestUser user)
    {
        using var response = await client.SendAsAsync(HttpMethod.Post, "/api/v1/media", user.Tokens.AccessToken, Image("an image"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadedFile>())!.Url;
    }

    private static MultipartFormDataContent Form(byte[] content, string contentType, string? description)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", "image.png" } };
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }

        return form;
    }

    private sealed record UploadedFile(string Url);
}
