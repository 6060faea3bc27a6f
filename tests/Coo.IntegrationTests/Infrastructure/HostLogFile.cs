using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// The in-process host's warnings and errors, written to a file beside the published hosts' logs
/// (<see cref="HostProcess.LogFolder"/>), so that a failure seen only in CI can still be read afterwards. The file
/// is created at the first warning: a quiet host leaves none.
/// </summary>
internal sealed class HostLogFile : ILogEventSink, IDisposable
{
    private readonly MessageTemplateTextFormatter _formatter = new(
        "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext} {RequestMethod} {RequestPath}: {Message:lj}{NewLine}{Exception}",
        CultureInfo.InvariantCulture);

    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}", CultureInfo.InvariantCulture);

    private readonly string _path = Path.Combine(HostProcess.LogFolder, $"in-process-{Guid.NewGuid().ToString("N")[..12]}.log");
    private readonly Lock _lock = new();
    private readonly List<string> _messages = [];
    private StreamWriter? _writer;
    private bool _disposed;

    /// <summary>The warnings and errors logged so far, each as its message (strings as they are, not quoted).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_writer is null)
            {
                Directory.CreateDirectory(HostProcess.LogFolder);
                _writer = new StreamWriter(_path, append: false) { AutoFlush = true };
            }

            _formatter.Format(logEvent, _writer);
            using var message = new StringWriter(CultureInfo.InvariantCulture);
            _message.Format(logEvent, message);
            _messages.Add(message.ToString());
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _writer?.Dispose();
        }
    }
}
