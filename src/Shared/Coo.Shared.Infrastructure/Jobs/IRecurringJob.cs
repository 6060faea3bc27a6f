namespace Coo.Shared.Infrastructure.Jobs;

/// <summary>Work a module wants run on a schedule; the host hands every registered one to the job engine.</summary>
public interface IRecurringJob
{
    /// <summary>Stable: the job engine keys the schedule by it.</summary>
    string Id { get; }

    /// <summary>A cron expression.</summary>
    string Schedule { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>The one type the job engine invokes: it finds the module's job by id, so modules stay engine-agnostic.</summary>
public sealed class RecurringJobRunner(IEnumerable<IRecurringJob> jobs)
{
    public Task RunAsync(string jobId, CancellationToken cancellationToken) =>
        jobs.Single(job => job.Id == jobId).RunAsync(cancellationToken);
}
