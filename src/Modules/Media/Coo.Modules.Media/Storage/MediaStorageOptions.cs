using System.ComponentModel.DataAnnotations;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace Coo.Modules.Media.Storage;

/// <summary>Settings of section <c>Media</c>: where uploaded images are stored.</summary>
internal sealed class MediaStorageOptions : IValidatableObject
{
    public const string Section = "Media";

    /// <summary>
    /// The folder of the image files. Embedded mode defaults to <c>media/</c> in the data folder (beside the SQLite
    /// file); server mode has no default: every instance must see the same files, so it is a volume they all mount.
    /// </summary>
    public string? StoragePath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(StoragePath) && StoragePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult("is not a valid path.", [nameof(StoragePath)]);
        }
    }

    /// <summary>The folder to use, created if missing; refused at start when server mode names none.</summary>
    public static string FolderFrom(IConfiguration configuration, DatabaseSettings database)
    {
        var options = ValidatedSettings.Read<MediaStorageOptions>(configuration, Section);
        var folder = string.IsNullOrWhiteSpace(options.StoragePath)
            ? database.SqliteDataFolder() is { } data
                ? Path.Combine(data, "media")
                : throw new InvalidConfigurationException(
                    $"{Section}:{nameof(StoragePath)} is required when Database:Provider is {database.Provider}: every host instance must store images where all of them read them (a shared volume).")
            : Path.GetFullPath(options.StoragePath);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
