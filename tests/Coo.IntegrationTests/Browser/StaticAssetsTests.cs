using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace Coo.IntegrationTests.Browser;

/// <summary>The test server serves the web client as the published host does: compressed, with ETags, on every client route.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaticAssetsTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string IndexHtml = Path.Combine(RepositoryRoot.Path, "src", "Coo.Host", "wwwroot", "index.html");

    [Fact]
    public async Task Root_serves_index_html_gzip_compressed_with_an_ETag()
    {
        using var client = Host.CreateRawClient();
        using var response = await client.SendAsync(Get("/", acceptGzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(await File.ReadAllTextAsync(IndexHtml), await ReadGzipAsync(response));
    }

    [Theory]
    [InlineData("/@someone")]
    [InlineData("/@someone/followers")]
    [InlineData("/@someone/following")]
    [InlineData("/@someone/coo/123456789012345678")]
    [InlineData("/signin")]
    [InlineData("/signup")]
    [InlineData("/tags/coo")]
    [InlineData("/tags/%C3%A9t%C3%A9")]
    [InlineData("/notifications")]
    public async Task Client_routes_serve_the_same_document_as_the_root(string route)
    {
        using var client = Host.CreateRawClient();
        using var root = await client.SendAsync(Get("/", acceptGzip: false));
        using var response = await client.SendAsync(Get(route, acceptGzip: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(root.Headers.ETag, response.Headers.ETag);
        Assert.Equal(await root.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_api_path_stays_a_404_problem_not_the_client_page()
    {
        using var client = Host.CreateRawClient();
        using var response = await client.SendAsync(Get("/api/v1/nope", acceptGzip: false));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    private static HttpRequestMessage Get(string path, bool acceptGzip)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptGzip)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }

        return request;
    }

    private static async Task<string> ReadGzipAsync(HttpResponseMessage response)
    {
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
