using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// Redis as an optional accelerator, never a point of failure: any exception but the caller's own cancellation counts
/// as Redis failing (the client throws more than RedisException while a connection is torn down), every operation
/// has a short timeout, repeated failures open a circuit breaker so callers go straight to the database, and nothing here throws.
/// A write that could not be made (a cache left stale) moves every key to a new <em>epoch</em> once Redis answers
/// again: keys are named after the epoch, so all instances stop reading what might have missed that write.
/// </summary>
public sealed partial class ResilientRedis
{
    /// <summary>Scripts read the current epoch from here and build their keys as <c>prefix:{epoch}:…</c>.</summary>
    public const string EpochKey = "coo:epoch";

    private readonly IConnectionMultiplexer _connection;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<ResilientRedis> _logger;
    private int _writesMissed;

    public ResilientRedis(IConnectionMultiplexer connection, IOptions<RedisOptions> options, ILogger<ResilientRedis> logger)
    {
        _connection = connection;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.Value.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                OnOpened = _ =>
                {
                    LogCircuitOpened(options.Value.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Value.OperationTimeout)
            .Build();
    }

    /// <summary>Runs a read; <c>(false, default)</c> when Redis is down, slow or the circuit is open.</summary>
    public async Task<(bool Succeeded, T? Value)> TryReadAsync<T>(Func<IDatabase, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var value = await _pipeline.ExecuteAsync(
                async token =>
                {
                    await MoveToNewEpochIfWritesWereMissedAsync(token);
                    return await read(_connection.GetDatabase()).WaitAsync(token);
                },
                cancellationToken);
            return (true, value);
        }
        catch (BrokenCircuitException)
        {
            return (false, default);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(ex.Message);
            return (false, default);
        }
    }

    /// <summary>Runs a write; when it fails the epoch moves on as soon as Redis answers again.</summary>
    public async Task TryWriteAsync(Func<IDatabase, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                async token =>
                {
                    await MoveToNewEpochIfWritesWereMissedAsync(token);
                    await write(_connection.GetDatabase()).WaitAsync(token);
                },
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            Interlocked.Exchange(ref _writesMissed, 1);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Even a timed-out write may have been applied; moving on to a new epoch is right either way.
            Interlocked.Exchange(ref _writesMissed, 1);
            LogWriteFailed(ex.Message);
        }
    }

    private async Task MoveToNewEpochIfWritesWereMissedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _writesMissed) == 0)
        {
            return;
        }

        var epoch = await _connection.GetDatabase().StringIncrementAsync(EpochKey).WaitAsync(cancellationToken);
        Interlocked.Exchange(ref _writesMissed, 0);
        LogEpochMoved(epoch);
    }

    [LoggerMessage(LogLevel.Warning, "Redis read failed, served from the database instead: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Redis write failed; caches move to a new epoch once Redis answers: {Reason}")]
    private partial void LogWriteFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Redis keeps failing; it is bypassed for {BreakDuration}")]
    private partial void LogCircuitOpened(TimeSpan breakDuration);

    [LoggerMessage(LogLevel.Information, "Redis answers again; caches are used again")]
    private partial void LogCircuitClosed();

    [LoggerMessage(LogLevel.Information, "Redis caches moved to epoch {Epoch} after missed writes")]
    private partial void LogEpochMoved(long epoch);
}
