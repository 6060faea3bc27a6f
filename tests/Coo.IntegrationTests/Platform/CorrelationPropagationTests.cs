using Coo.Shared.Infrastructure.Observability;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Platform;

[Collection(ApiCollection.Name)]
public sealed class CorrelationPropagationTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task The_request_correlation_id_reaches_the_consumers_of_its_events(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-ID", "carried-into-outbox");

        using var _ = await client.RegisterAsync("carrier");

        var seen = await Eventually.MatchAsync(
            () => Task.FromResult(factory.Probe.CorrelationIds.GetValueOrDefault("carrier")),
            id => id is not null,
            what: "the consumer to run");
        Assert.Equal("carried-into-outbox", seen);
    }

    [Fact]
    public async Task A_Hangfire_job_runs_under_the_correlation_id_of_the_code_that_enqueued_it()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();
        var marker = Guid.NewGuid().ToString("N");

        using (CorrelationContext.Use("carried-into-job"))
        {
            jobs.Enqueue<CorrelationRecordingJob>(job => job.Run(marker));
        }

        var seen = await Eventually.MatchAsync(
            () => Task.FromResult(CorrelationRecordingJob.Seen.GetValueOrDefault(marker)),
            id => id is not null,
            what: "the job to run");
        Assert.Equal("carried-into-job", seen);
    }
}

public sealed class CorrelationRecordingJob
{
    public static System.Collections.Concurrent.ConcurrentDictionary<string, string?> Seen { get; } = new();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Hangfire activates jobs as instances.")]
    public void Run(string marker) => Seen[marker] = CorrelationContext.Current;
}
