using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Coo.Modules.Users.Jobs;

/// <summary>
/// Recurring, every hour: deletes expired refresh tokens, which every sign-in and rotation adds. An expired token is
/// refused exactly as an unknown one is; a used one that has not expired stays, since presenting it again is how a
/// leaked session is detected and revoked.
/// </summary>
internal sealed partial class ExpiredRefreshTokenCleanupJob(UsersDbContext db, TimeProvider time, ILogger<ExpiredRefreshTokenCleanupJob> logger) : IRecurringJob
{
    public string Id => "users-expired-refresh-token-cleanup";

    public string Schedule => "43 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = await db.RefreshTokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        LogDeleted(deleted);
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} expired refresh tokens")]
    private partial void LogDeleted(int count);
}
