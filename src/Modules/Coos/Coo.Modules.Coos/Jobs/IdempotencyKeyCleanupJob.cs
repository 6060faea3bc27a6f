using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Domain;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Coo.Modules.Coos.Jobs;

/// <summary>
/// Recurring, every hour: forgets the <c>Idempotency-Key</c>s older than <see cref="IdempotencyRecord.Lifetime"/>. A
/// retry after that is a new post anyway; without this every keyed post would leave its row for good.
/// </summary>
internal sealed partial class IdempotencyKeyCleanupJob(CoosDbContext db, TimeProvider time, ILogger<IdempotencyKeyCleanupJob> logger) : IRecurringJob
{
    public string Id => "coos-idempotency-key-cleanup";

    public string Schedule => "33 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - IdempotencyRecord.Lifetime;
        var deleted = await db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
        LogDeleted(deleted, cutoff);
    }

    [LoggerMessage(LogLevel.Information, "Forgot {Count} idempotency keys used before {Cutoff:O}")]
    private partial void LogDeleted(int count, DateTimeOffset cutoff);
}
