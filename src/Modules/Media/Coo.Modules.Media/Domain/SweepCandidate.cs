namespace Coo.Modules.Media.Domain;

/// <summary>
/// A file that a deleted upload named, recorded in the transaction that deleted the upload. Files are shared by every
/// upload of the same picture, so the file is not deleted with the upload: the sweep (<c>Jobs.UnusedFileSweepJob</c>)
/// deletes it once no upload names it.
/// </summary>
internal sealed class SweepCandidate
{
    /// <summary>
    /// How long a file stays after its last upload went: a page that showed it a moment ago still loads it, and an
    /// upload of the same picture in flight rarely meets the sweep.
    /// </summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromMinutes(10);

    private SweepCandidate()
    {
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static SweepCandidate Record(string fileName, DateTimeOffset now) => new() { Id = Guid.CreateVersion7(now), FileName = fileName, RecordedAt = now };
}
