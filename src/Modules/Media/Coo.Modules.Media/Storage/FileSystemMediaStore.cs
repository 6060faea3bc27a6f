namespace Coo.Modules.Media.Storage;

/// <summary>Files in one folder, two levels of subfolders by the name's first characters so that no folder grows huge.</summary>
internal sealed class FileSystemMediaStore(string root) : IMediaStore
{
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

    private string PathOf(string name) => Path.Combine(root, name[..2], name[2..4], name);
}
