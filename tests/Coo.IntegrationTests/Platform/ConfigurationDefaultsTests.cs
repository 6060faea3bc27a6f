using Microsoft.AspNetCore.Hosting;

namespace Coo.IntegrationTests.Platform;

/// <summary>Every default lives in code: a host started where no appsettings.json is found behaves the same.</summary>
[Collection(SerialCollection.Name)]
public sealed class ConfigurationDefaultsTests
{
    [Fact]
    public async Task The_host_starts_and_serves_without_an_appsettings_json()
    {
        var contentRoot = Directory.CreateTempSubdirectory("coo-no-appsettings-");
        try
        {
            using var factory = new CooApiFactory(TestProvider.Sqlite);
            using var host = factory.WithWebHostBuilder(builder => builder.UseContentRoot(contentRoot.FullName));
            using var client = host.CreateClient();

            var user = await client.CreateUserAsync("rootless");
            using var profile = await client.GetAsync("/api/v1/users/rootless");

            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
            Assert.Equal(CooApiFactory.UnreachableRateLimit, profile.Headers.GetValues("RateLimit-Limit").Single());
            Assert.NotEmpty(user.Tokens.AccessToken);
            Assert.False(File.Exists(Path.Combine(contentRoot.FullName, "appsettings.json")));
        }
        finally
        {
            contentRoot.Delete(recursive: true);
        }
    }
}
