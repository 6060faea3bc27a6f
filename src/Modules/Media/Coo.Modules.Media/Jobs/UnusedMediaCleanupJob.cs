using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Shared.Infrastructure.Jobs;

namespace Coo.Modules.Media.Jobs;

/// <summary>
/// Recurring, every hour: forgets uploads no posted coo took within <see cref="MediaItem.UnusedLifetime"/>, whether
/// never claimed or claimed by a post that failed and was never released (a crash between the claim and the coo).
/// Their files go with the sweep (<see cref="UnusedFileSweepJob"/>).
/// </summary>
internal sealed class UnusedMediaCleanupJob(MediaDbContext db, TimeProvider time) : IRecurringJob
{
    /// <summary>Uploads forgotten per transaction: short ones, however many piled up.</summary>
    private const int BatchSize = 500;

    public string Id => "media-unused-cleanup";

    public string Schedule => "17 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - MediaItem.UnusedLifetime;
        int deleted;
        do
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            deleted = await db.DeleteUploadsAsync(m => !m.Confirmed && m.CreatedAt < cutoff, BatchSize, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        while (deleted > 0);
    }
}
