using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.Shared.Infrastructure.Caching;

/// <summary>
/// Redis as an optional accelerator, never a point of failure: any exception but the caller's own cancellation counts
/// as Redis failing (the client throws more than RedisException while a connection is torn down), every operation
/// has a short timeout, failures in a row for long enough open a circuit breaker (<see cref="RedisCircuit"/>) so
/// callers go straight to the database, and nothing here throws.
/// A write reports whether it was made: a write that must not be lost (a delete, a changed profile, a timeline change)
/// is also the work of a durable consumer in the owner's inbox, retried until Redis confirms it. One instance's failed
/// write therefore repairs the keys it concerns, and never abandons the caches of the whole deployment.
/// </summary>
public sealed partial class ResilientRedis
{
    private readonly IConnectionMultiplexer _connection;
    private readonly ILogger<ResilientRedis> _logger;
    private readonly TimeSpan _timeout;
    private readonly RedisCircuit _circuit;

    public ResilientRedis(IConnectionMultiplexer connection, IOptions<RedisOptions> options, TimeProvider time, ILogger<ResilientRedis> logger)
    {
        _connection = connection;
        _logger = logger;
        _timeout = options.Value.OperationTimeout;
        _circuit = new RedisCircuit(time, options.Value.BreakAfter, options.Value.BreakDuration);
        KeyPrefix = options.Value.KeyPrefix;
    }

    /// <summary>Starts every key Coo writes, so that deployments (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; }

    /// <summary>Runs a read; <c>(false, default)</c> when Redis is down, slow or bypassed after repeated failures.</summary>
    public async Task<(bool Succeeded, T? Value)> TryReadAsync<T>(Func<IDatabase, Task<T>> read, CancellationToken cancellationToken)
    {
        if (_circuit.IsOpen)
        {
            return (false, default);
        }

        try
        {
            var value = await read(_connection.GetDatabase()).WaitAsync(_timeout, cancellationToken);
            Succeeded();
            return (true, value);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(ex.Message);
            Failed();
            return (false, default);
        }
    }

    /// <summary>Runs a write; false when it could not be made (Redis down, slow or bypassed), and it may then have been applied or not.</summary>
    public async Task<bool> TryWriteAsync(Func<IDatabase, Task> write, CancellationToken cancellationToken)
    {
        if (_circuit.IsOpen)
        {
            return false;
        }

        try
        {
            await write(_connection.GetDatabase()).WaitAsync(_timeout, cancellationToken);
            Succeeded();
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogWriteFailed(ex.Message);
            Failed();
            return false;
        }
    }

    private void Succeeded()
    {
        if (_circuit.Succeeded())
        {
            LogCircuitClosed();
        }
    }

    private void Failed()
    {
        if (_circuit.Failed())
        {
            LogCircuitOpened(_circuit.BreakDuration);
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
