using Coo.Shared.Kernel;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// The Coos module's errors that other modules answer with, so that every "no such coo" looks the same (and is
/// translated by the Coos module's texts). A class rather than a static class: contracts are sealed types.
/// </summary>
public sealed class CooErrors
{
    /// <summary>What to answer when a coo id names no coo, or a deleted one.</summary>
    public static readonly Error NotFound = Error.NotFound("coos.not-found", "No coo has that id.");

    private CooErrors()
    {
    }
}
