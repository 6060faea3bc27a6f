using System.Globalization;

namespace Coo.Modules.Media.Storage;

/// <summary>Files in one folder, two levels of subfolders by the name's first characters so that no folder grows huge.</summary>
internal sealed class FileSystemMediaStore(string root, TimeProvider time) : IMediaStore
{
    private const string SetAsideExtension = ".aside";

    /// <summary>A sweep holds a file aside for two database queries; a copy held this long was left by a sweep that died.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public async Task PutAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Written aside and moved into place, so that a reader (another instance too) never sees half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Stream? Open(string name)
    {
        try
        {
            return new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public string? SetAside(string name)
    {
        // <name>.<when, in Unix seconds>.<unique>.aside: never served (not a media file name), never another caller's,
        // and old copies tell themselves apart from a sweep's current one.
        var path = PathOf(name);
        var setAside = $"{path}.{time.GetUtcNow().ToUnixTimeSeconds()}.{Guid.NewGuid():N}{SetAsideExtension}";
        try
        {
            // A rename, atomic: readers and uploads see the file or none, never part of it.
            File.Move(path, setAside, overwrite: true);
            return setAside;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void PutBack(string setAside, string name)
    {
        try
        {
            File.Move(setAside, PathOf(name), overwrite: true);
        }
        catch (FileNotFoundException)
        {
            // Another sweep found the file missing while an upload named it and put this copy back already.
        }
    }

    public void DeleteSetAside(string setAside) => File.Delete(setAside);

    public void RestoreAbandoned(string name)
    {
        var path = PathOf(name);
        foreach (var setAside in SetAsideCopies(path))
        {
            if (File.Exists(path))
            {
                return;
            }

            PutBack(setAside, name);
        }
    }

    public void DeleteAbandoned(string name)
    {
        var before = (time.GetUtcNow() - AbandonedAfter).ToUnixTimeSeconds();
        foreach (var setAside in SetAsideCopies(PathOf(name)).Where(copy => SetAsideAt(copy) < before))
        {
            File.Delete(setAside);
        }
    }

    private static IEnumerable<string> SetAsideCopies(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, $"{Path.GetFileName(path)}.*{SetAsideExtension}") : [];
    }

    private static long SetAsideAt(string setAside) =>
        long.Parse(Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(setAside)).Split('.')[^1], CultureInfo.InvariantCulture);

    private string PathOf(string name) => Path.Combine(root, name[..2], name[2..4], name);
}
