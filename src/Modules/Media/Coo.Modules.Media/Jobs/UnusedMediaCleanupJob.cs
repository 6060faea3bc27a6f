using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.Jobs;

/// <summary>
/// Recurring, every hour: forgets uploads no posted coo took within <see cref="MediaItem.UnusedLifetime"/>, whether
/// never claimed or claimed by a post that failed and was never released (a crash between the claim and the coo).
/// </summary>
internal sealed class UnusedMediaCleanupJob(MediaDbContext db, TimeProvider time) : IRecurringJob
{
    public string Id => "media-unused-cleanup";

    public string Schedule => "17 * * * *";

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - MediaItem.UnusedLifetime;
        return db.Items.Where(m => !m.Confirmed && m.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
