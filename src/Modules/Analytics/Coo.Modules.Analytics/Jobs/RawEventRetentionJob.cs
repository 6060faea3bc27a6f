using Coo.Modules.Analytics.Data;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Analytics.Jobs;

/// <summary>
/// Recurring: deletes raw client events older than <see cref="AnalyticsOptions.RawEventRetention"/>, so that table
/// holds at most that many days of traffic. Their counts were added to the aggregates when they arrived.
/// </summary>
internal sealed partial class RawEventRetentionJob(
    AnalyticsDbContext db,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<RawEventRetentionJob> logger) : IRecurringJob
{
    public string Id => "analytics-raw-event-retention";

    public string Schedule => "25 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - options.Value.RawEventRetention).UtcDateTime;
        var deleted = await db.RawClientEvents.Where(e => e.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        LogDeleted(deleted, cutoff);
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} raw client events received before {Cutoff:O}")]
    private partial void LogDeleted(int count, DateTime cutoff);
}
