using Coo.Shared.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// The recurring maintenance jobs are on the job engine's schedule, each with its own cron expression. Test hosts leave
/// them off it unless asked (<see cref="CooApiFactory.SchedulesRecurringJobs"/>), so this is where scheduling is proved.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RecurringJobScheduleTests
{
    [Theory, Providers]
    public async Task Every_recurring_job_of_every_module_is_scheduled_with_its_own_cron_expression(TestProvider provider)
    {
        await using var factory = new CooApiFactory(provider, ownDatabase: true) { SchedulesRecurringJobs = true };

        var scheduled = Scheduled(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetServices<IRecurringJob>().Select(job => (job.Id, job.Schedule)).OrderBy(job => job.Id).ToList();
        Assert.Equal(9, jobs.Count);
        Assert.Equal(jobs, scheduled);
    }

    [Fact]
    public async Task A_test_host_schedules_none_unless_asked()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite);

        Assert.Empty(Scheduled(factory));
    }

    private static List<(string Id, string Cron)> Scheduled(CooApiFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return [.. connection.GetRecurringJobs().Select(job => (job.Id, job.Cron)).OrderBy(job => job.Id)];
    }
}
