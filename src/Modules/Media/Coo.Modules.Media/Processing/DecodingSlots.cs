using Coo.Modules.Media.Domain;
using Coo.Shared.Kernel;

namespace Coo.Modules.Media.Processing;

/// <summary>
/// How many images this host decodes at once. A decode may take about 160 MB (<c>ImageSizes.MaxPixels</c>), so a burst
/// of uploads waits for a slot instead of running the host out of memory; an upload that finds none free within
/// <see cref="MaxWait"/> is turned away (503 with <c>Retry-After</c>: nothing was stored, the client may send it again).
/// </summary>
internal sealed class DecodingSlots : IDisposable
{
    /// <summary>At most this many decodes, about 500 MB of pixels together.</summary>
    public const int Count = 3;

    /// <summary>Longer than most decodes take, short enough that a client is not left hanging on a busy host.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _free = new(Count, Count);

    /// <summary>A slot, to dispose when the decode is done; null when none became free in time.</summary>
    public async Task<IDisposable?> TryTakeAsync(CancellationToken cancellationToken) =>
        await _free.WaitAsync(MaxWait, cancellationToken) ? new Slot(_free) : null;

    /// <summary>Decodes in a slot; <see cref="MediaModuleErrors.Busy"/> when none became free in time.</summary>
    public async Task<Result<ProcessedImage>> DecodeAsync(Func<Task<Result<ProcessedImage>>> decode, CancellationToken cancellationToken)
    {
        using var slot = await TryTakeAsync(cancellationToken);
        return slot is null ? MediaModuleErrors.Busy : await decode();
    }

    public void Dispose() => _free.Dispose();

    private sealed class Slot(SemaphoreSlim free) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                free.Release();
            }
        }
    }
}
