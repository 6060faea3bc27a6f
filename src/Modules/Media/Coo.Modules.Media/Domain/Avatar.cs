namespace Coo.Modules.Media.Domain;

/// <summary>
/// A user's avatar: the files of the large and the small square, or none when they went back to the generated
/// default. The row stays when the picture goes, so that <see cref="Version"/> only ever grows: it orders the
/// avatar's events for their consumers, and as a concurrency token it makes two changes at once apply one after the other.
/// </summary>
internal sealed class Avatar
{
    private Avatar()
    {
    }

    public long UserId { get; private set; }

    public string? FileName { get; private set; }

    public string? SmallFileName { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public static Avatar For(long userId) => new() { UserId = userId };

    /// <returns>The files it named before, which may now be unused.</returns>
    public IReadOnlyList<string> Change(ProcessedImage? image, DateTimeOffset now)
    {
        string[] previous = [.. new[] { FileName, SmallFileName }.OfType<string>()];
        FileName = image?.Original.FileName;
        SmallFileName = image?.Preview.FileName;
        Version++;
        ChangedAt = now;
        return [.. previous.Where(name => name != FileName && name != SmallFileName).Distinct(StringComparer.Ordinal)];
    }
}
