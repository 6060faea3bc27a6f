namespace Coo.Modules.Media.Storage;

/// <summary>
/// Where the image files live, by name (<c>Domain.MediaFileName</c>: the content's hash). Every instance of the host
/// must see the same files: the data folder in embedded mode, a shared volume in server mode.
/// </summary>
internal interface IMediaStore
{
    /// <summary>Stores the bytes under their name; a name already stored holds the same bytes and is kept.</summary>
    Task PutAsync(string name, byte[] content, CancellationToken cancellationToken);

    /// <summary>The file to read, or null when there is none by that name.</summary>
    Stream? Open(string name);
}
