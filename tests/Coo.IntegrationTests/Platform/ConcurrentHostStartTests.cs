using System.Net;
using Coo.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// Hangfire's defaults resolve a host's job storage and job activator from process-wide statics that the host last
    /// configured wins; a host started beside another could then run its jobs on the other's database and services.
    /// </summary>
    [Fact]
    public async Task Hosts_in_one_process_run_jobs_on_their_own_storage_and_services_not_on_process_wide_ones()
    {
        await using var first = new CooApiFactory(TestProvider.Sqlite);
        await using var second = new CooApiFactory(TestProvider.Sqlite);
        first.CreateClient().Dispose();
        second.CreateClient().Dispose();

        var storages = new[] { first, second }.Select(host => host.Services.GetRequiredService<JobStorage>()).ToList();
        var activators = new[] { first, second }.Select(host => host.Services.GetRequiredService<JobActivator>()).ToList();

        Assert.NotSame(storages[0], storages[1]);
        Assert.DoesNotContain(ProcessWideStorage(), storages);
        Assert.NotSame(activators[0], activators[1]);
        Assert.DoesNotContain(JobActivator.Current, activators);
    }

    private static JobStorage? ProcessWideStorage()
    {
        try
        {
            return JobStorage.Current;
        }
        catch (InvalidOperationException)
        {
            // Never set: no host put its storage there.
            return null;
        }
    }
}
