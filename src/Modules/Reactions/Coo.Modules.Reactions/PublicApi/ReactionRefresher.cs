using System.Collections.Concurrent;
using System.Threading.Channels;
using Coo.Modules.Reactions.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// Reads again, in the background, what <see cref="ReactionReadCache"/> holds and requests still read after
/// half their lifetime: every request's due coos in one query, whatever the number of readers,
/// instead of each request finding its page stale and asking the database itself. A refresh that fails is not
/// repeated: its entries go stale, and the next request reads them itself.
/// </summary>
internal sealed partial class ReactionRefresher(
    IDbContextFactory<ReactionsDbContext> contexts, ReactionReadCache cache, TimeProvider time, ILogger<ReactionRefresher> logger) : BackgroundService
{
    private const int CoosPerQuery = GetCooReactionsHandler.MaxBatch;

    /// <summary>At most this many viewers' reactions (each up to <see cref="ReactionReadCache.MaxViewerReactions"/>) in one query.</summary>
    private const int ViewersPerQuery = 20;

    /// <summary>How long a refresh waits after the first due entry, for others to join the same queries.</summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<long, byte> _dueCoos = new();
    private readonly ConcurrentDictionary<long, byte> _dueViewers = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Refresh(IReadOnlyCollection<long> cooIds, long? viewerId)
    {
        foreach (var id in cooIds)
        {
            _dueCoos.TryAdd(id, 0);
        }

        if (viewerId is { } viewer)
        {
            _dueViewers.TryAdd(viewer, 0);
        }

        if (cooIds.Count > 0 || viewerId is not null)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _wake.Reader.WaitToReadAsync(stoppingToken))
        {
            _wake.Reader.TryRead(out _);
            try
            {
                await Task.Delay(Gathering, stoppingToken);
                await RefreshDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
            }
        }
    }

    private async Task RefreshDueAsync(CancellationToken cancellationToken)
    {
        // Each query opens and closes the connection itself: one left open would go back to the context pool open,
        // and a transaction later begun on it would end without its connection closing (see SqliteWriteGateInterceptor).
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (Take(_dueCoos, CoosPerQuery) is { Length: > 0 } coos)
        {
            await ReactionReads.ReadCountsAsync(db, cache, coos, time, cancellationToken);
        }

        while (Take(_dueViewers, ViewersPerQuery) is { Length: > 0 } viewers)
        {
            await ReactionReads.ReadCachedViewersReactionsAsync(db, cache, viewers, time, cancellationToken);
        }
    }

    private static long[] Take(ConcurrentDictionary<long, byte> due, int most)
    {
        long[] taken = [.. due.Keys.Take(most)];
        foreach (var id in taken)
        {
            due.TryRemove(id, out _);
        }

        return taken;
    }

    [LoggerMessage(LogLevel.Warning, "Reactions could not be read again in the background; requests read them themselves")]
    private partial void LogRefreshFailed(Exception exception);
}
