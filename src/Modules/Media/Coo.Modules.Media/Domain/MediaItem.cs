namespace Coo.Modules.Media.Domain;

/// <summary>
/// An uploaded image, re-encoded, with its alt text. It belongs to its owner alone until a coo claims it
/// (<see cref="CooId"/>); the claim holds once the coo is known to be posted (<see cref="Confirmed"/>). Its files are
/// named by their content (<see cref="MediaFileName"/>), so two uploads of the same picture share them.
/// </summary>
internal sealed class MediaItem
{
    /// <summary>Alt text, in UTF-16 code units: what Mastodon allows.</summary>
    public const int MaxDescriptionLength = 1500;

    /// <summary>How long an upload nobody posted is kept.</summary>
    public static readonly TimeSpan UnusedLifetime = TimeSpan.FromDays(1);

    private MediaItem()
    {
    }

    public long Id { get; private set; }

    public long OwnerId { get; private set; }

    public string Description { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public int Width { get; private set; }

    public int Height { get; private set; }

    public string PreviewFileName { get; private set; } = "";

    public int PreviewWidth { get; private set; }

    public int PreviewHeight { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The coo that claimed it, or null while it is only uploaded.</summary>
    public long? CooId { get; private set; }

    /// <summary>Whether the claiming coo was posted (its event arrived); an unconfirmed claim may be from a failed post.</summary>
    public bool Confirmed { get; private set; }

    public static MediaItem Upload(long id, long ownerId, string description, ProcessedImage image, DateTimeOffset now) => new()
    {
        Id = id,
        OwnerId = ownerId,
        Description = description,
        FileName = image.Original.FileName,
        Width = image.Original.Width,
        Height = image.Original.Height,
        PreviewFileName = image.Preview.FileName,
        PreviewWidth = image.Preview.Width,
        PreviewHeight = image.Preview.Height,
        CreatedAt = now,
    };
}

/// <summary>One encoded size of an image: its bytes, the name they are stored under, and its pixel size.</summary>
internal sealed record EncodedImage(byte[] Content, string Extension, int Width, int Height)
{
    public string FileName { get; } = MediaFileName.For(Content, Extension);
}

/// <summary>
/// What an upload becomes: the original, capped in size, and the preview for timelines; for an avatar, the large and
/// the small square.
/// </summary>
internal sealed record ProcessedImage(EncodedImage Original, EncodedImage Preview);
