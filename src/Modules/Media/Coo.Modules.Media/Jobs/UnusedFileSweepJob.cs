using Coo.Modules.Media.Data;
using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Storage;
using Coo.Shared.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Coo.Modules.Media.Jobs;

/// <summary>
/// Recurring, every ten minutes: deletes the files of deleted uploads and replaced avatars (<see cref="SweepCandidate"/>,
/// after its grace period) that no upload or avatar names any more. An upload of the same picture may arrive at any moment, so a file is first
/// set aside (out of reach at once), then the uploads are asked again: one that committed before that second look
/// gets the file back, and one that commits after it finds its file missing and writes it again
/// (<c>UploadMediaHandler</c>), so no upload is ever left naming a file that is gone.
/// </summary>
internal sealed partial class UnusedFileSweepJob(MediaDbContext db, IMediaStore store, TimeProvider time, ILogger<UnusedFileSweepJob> logger)
    : IRecurringJob
{
    private const int BatchSize = 500;

    public string Id => "media-file-sweep";

    public string Schedule => "*/10 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var recordedBefore = time.GetUtcNow() - SweepCandidate.GracePeriod;
        var deleted = 0;
        while (await db.SweepCandidates.AsNoTracking()
            .Where(c => c.RecordedAt < recordedBefore)
            .OrderBy(c => c.RecordedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken) is { Count: > 0 } candidates)
        {
            foreach (var name in candidates.Select(c => c.FileName).Distinct(StringComparer.Ordinal))
            {
                deleted += await SweepAsync(name, cancellationToken) ? 1 : 0;
            }

            // Only the records read: one that a deletion added meanwhile for the same file gets its own look.
            Guid[] ids = [.. candidates.Select(c => c.Id)];
            await db.SweepCandidates.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        LogSwept(deleted);
    }

    /// <returns>Whether the file was deleted.</returns>
    private async Task<bool> SweepAsync(string name, CancellationToken cancellationToken)
    {
        if (await IsNamedAsync(name, cancellationToken))
        {
            store.RestoreAbandoned(name);
            return false;
        }

        var setAside = store.SetAside(name);
        if (setAside is not null)
        {
            bool named;
            try
            {
                // Not cancelled once the file is aside: it must be deleted or put back.
                named = await IsNamedAsync(name, CancellationToken.None);
            }
            catch
            {
                // Unsure: keep it. The record stays too, so a later sweep looks again.
                store.PutBack(setAside, name);
                throw;
            }

            if (named)
            {
                store.PutBack(setAside, name);
                return false;
            }

            store.DeleteSetAside(setAside);
        }

        store.DeleteAbandoned(name);
        return setAside is not null;
    }

    private async Task<bool> IsNamedAsync(string name, CancellationToken cancellationToken) =>
        await db.Items.AnyAsync(m => m.FileName == name || m.PreviewFileName == name, cancellationToken)
        || await db.Avatars.AnyAsync(a => a.FileName == name || a.SmallFileName == name, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Swept the media store: {Deleted} files no upload names were deleted")]
    private partial void LogSwept(int deleted);
}
