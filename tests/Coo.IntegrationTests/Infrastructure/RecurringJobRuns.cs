using Coo.Shared.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Infrastructure;

public static class RecurringJobRuns
{
    /// <summary>
    /// Runs a module's recurring job as the job engine would, but on a clock <paramref name="ahead"/> of now, and with
    /// <paramref name="services"/> instead of the host's (e.g. a media store the test looks into).
    /// </summary>
    public static async Task RunJobAsync<TJob>(this CooApiFactory factory, TimeSpan ahead, params object[] services)
        where TJob : IRecurringJob
    {
        var clock = new ShiftedClock();
        clock.Advance(ahead);
        using var scope = factory.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<TJob>(scope.ServiceProvider, [clock, .. services]).RunAsync(CancellationToken.None);
    }
}
