using System.Diagnostics;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Application;

/// <summary>Logs each message with its duration, and expected failures by their error code.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var name = typeof(TMessage).Name;
        if (response is IFailable { Error: { } error })
        {
            LogFailed(name, error.Code, elapsed);
        }
        else
        {
            LogHandled(name, elapsed);
        }

        return response;
    }

    [LoggerMessage(LogLevel.Debug, "Handled {Message} in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string message, double elapsedMs);

    [LoggerMessage(LogLevel.Information, "{Message} refused with {ErrorCode} in {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string message, string errorCode, double elapsedMs);
}
