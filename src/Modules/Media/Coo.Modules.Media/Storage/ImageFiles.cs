using Coo.Modules.Media.Domain;

namespace Coo.Modules.Media.Storage;

internal static class ImageFiles
{
    /// <summary>
    /// Stores the image's files, commits the row that names them, and stores them again. First, so that a row always
    /// names files that exist (files whose row never comes are only unused bytes); again, because the same picture's
    /// files may have been there already, left by a deleted upload or a replaced avatar, and the sweep may have removed
    /// them before the row committed (a no-op otherwise, done whether or not the client still waits).
    /// </summary>
    public static async Task<T> StoreAroundAsync<T>(this IMediaStore store, ProcessedImage image, Func<Task<T>> commit, CancellationToken cancellationToken)
    {
        await PutAsync(store, image, cancellationToken);
        var committed = await commit();
        await PutAsync(store, image, CancellationToken.None);
        return committed;
    }

    private static async Task PutAsync(IMediaStore store, ProcessedImage image, CancellationToken cancellationToken)
    {
        await store.PutAsync(image.Original.FileName, image.Original.Content, cancellationToken);
        await store.PutAsync(image.Preview.FileName, image.Preview.Content, cancellationToken);
    }
}
