using System.Linq.Expressions;
using Coo.Modules.Media.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.Data;

/// <summary>
/// Deletes uploads. Their files may be shared with other uploads of the same picture, so they stay: their names are
/// recorded (<see cref="SweepCandidate"/>) in the transaction that deletes the rows, and the sweep deletes each file
/// once no upload names it. A deleted row without its record would leave its files for ever.
/// </summary>
internal static class UploadDeletion
{
    /// <summary>Deletes the uploads <paramref name="which"/> selects, in the caller's transaction.</summary>
    /// <returns>How many were deleted.</returns>
    public static Task<int> DeleteUploadsAsync(this MediaDbContext db, Expression<Func<MediaItem, bool>> which, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.DeleteUploadsAsync(which, int.MaxValue, now, cancellationToken);

    /// <summary>Deletes at most <paramref name="limit"/> of the uploads <paramref name="which"/> selects, in the caller's transaction.</summary>
    /// <returns>How many were deleted.</returns>
    public static async Task<int> DeleteUploadsAsync(
        this MediaDbContext db, Expression<Func<MediaItem, bool>> which, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Uploads are deleted in a transaction, together with the records of their files.");
        }

        var doomed = await db.Items.Where(which).OrderBy(m => m.Id).Take(limit)
            .Select(m => new { m.Id, m.FileName, m.PreviewFileName })
            .ToListAsync(cancellationToken);
        if (doomed.Count == 0)
        {
            return 0;
        }

        db.SweepCandidates.AddRange(doomed.SelectMany(m => new[] { m.FileName, m.PreviewFileName })
            .Distinct(StringComparer.Ordinal)
            .Select(name => SweepCandidate.Record(name, now)));
        await db.SaveChangesAsync(cancellationToken);

        // The condition again: a row that stopped matching since it was read (a confirmed upload) stays. Its files
        // were recorded all the same, which costs the sweep one look.
        long[] ids = [.. doomed.Select(m => m.Id)];
        return await db.Items.Where(which).Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
