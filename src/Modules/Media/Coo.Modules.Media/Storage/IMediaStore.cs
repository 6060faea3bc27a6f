namespace Coo.Modules.Media.Storage;

/// <summary>
/// Where the image files live, by name (<c>Domain.MediaFileName</c>: the content's hash). Every instance of the host
/// must see the same files: the data folder in embedded mode, a shared volume in server mode. A file is removed in two
/// steps, set aside (out of reach at once) and then deleted or put back, so that the sweep can take a second look at
/// whether an upload names it before anything is lost.
/// </summary>
internal interface IMediaStore
{
    /// <summary>Stores the bytes under their name; a name already stored holds the same bytes and is kept.</summary>
    Task PutAsync(string name, byte[] content, CancellationToken cancellationToken);

    /// <summary>The file to read, or null when there is none by that name.</summary>
    Stream? Open(string name);

    /// <summary>
    /// Moves the file out of reach in one atomic step, under a name of this caller's own, which it returns; null when
    /// there is no file by that name.
    /// </summary>
    string? SetAside(string name);

    /// <summary>Puts a file set aside back under its name (where an upload may have written the same bytes meanwhile).</summary>
    void PutBack(string setAside, string name);

    /// <summary>Deletes a file set aside.</summary>
    void DeleteSetAside(string setAside);

    /// <summary>When the file is missing but a sweep that died had set it aside, puts that copy back.</summary>
    void RestoreAbandoned(string name);

    /// <summary>Deletes the copies of the file that sweeps which died had set aside.</summary>
    void DeleteAbandoned(string name);
}
