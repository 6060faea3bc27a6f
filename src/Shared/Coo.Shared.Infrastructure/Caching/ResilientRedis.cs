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
/// A write reports whether it was made: a write that must not be lost (a delete, a changed profile, a timeline change)
/// is also the work of a durable consumer in the owner's inbox, retried until Redis confirms it. One instance's failed
/// write therefore repairs the keys it concerns, and never abandons the caches of the whole deployment.
/// </summary>
public sealed partial class ResilientRedis
{
    private readonly IConnectionMultiplexer _connection;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<ResilientRedis> _logger;

    public ResilientRedis(IConnectionMultiplexer connection, IOptions<RedisOptions> options, ILogger<ResilientRedis> logger)
    {
        _connection = connection;
        _logger = logger;
        KeyPrefix = options.Value.KeyPrefix;
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

    /// <summary>Starts every key Coo writes, so that deployments (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; }

    /// <summary>Runs a read; <c>(false, default)</c> when Redis is down, slow or the circuit is open.</summary>
    public async Task<(bool Succeeded, T? Value)> TryReadAsync<T>(Func<IDatabase, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var value = await _pipeline.ExecuteAsync(
                async token => await read(_connection.GetDatabase()).WaitAsync(token),
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

    /// <summary>Runs a write; false when it could not be made (Redis down, slow or the circuit open), and it may then have been applied or not.</summary>
    public async Task<bool> TryWriteAsync(Func<IDatabase, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(async token => await write(_connection.GetDatabase()).WaitAsync(token), cancellationToken);
            return true;
        }
        catch (BrokenCircuitException)
        {
            return false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogWriteFailed(ex.Message);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis read failed, served from the database instead: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Redis write failed; its durable consumer repairs it once Redis answers: {Reason}")]
    private partial void LogWriteFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Redis keeps failing; it is bypassed for {BreakDuration}")]
    private partial void LogCircuitOpened(TimeSpan breakDuration);

    [LoggerMessage(LogLevel.Information, "Redis answers again; caches are used again")]
    private partial void LogCircuitClosed();
}
