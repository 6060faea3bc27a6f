using System.Net;
using Coo.IntegrationTests.Infrastructure;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// Test collections run in parallel, so hosts are built at the same time in one process. Each must start on its own:
/// a process-wide logger that every host reconfigured (and froze) once made a concurrently built host fail at startup.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ConcurrentHostStartTests
{
    [Fact]
    public async Task Hosts_built_at_the_same_time_in_one_process_each_start_and_answer()
    {
        for (var round = 0; round < 3; round++)
        {
            var factories = Enumerable.Range(0, 4).Select(_ => new CooApiFactory(TestProvider.Sqlite)).ToList();
            try
            {
                var answers = await Task.WhenAll(factories.Select(factory => Task.Run(async () =>
                {
                    using var client = factory.CreateClient();
                    return (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode;
                })));

                Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
            }
            finally
            {
                foreach (var factory in factories)
                {
                    await factory.DisposeAsync();
                }
            }
        }
    }
}
