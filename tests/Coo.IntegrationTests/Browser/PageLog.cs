using Microsoft.Playwright;

namespace Coo.IntegrationTests.Browser;

/// <summary>Everything one page wrote to the console, threw, or failed to load, in order.</summary>
public sealed class PageLog
{
    private readonly List<string> _entries = [];
    private readonly List<string> _errors = [];

    internal PageLog(IPage page)
    {
        page.Console += (_, message) => Add($"[console.{message.Type}] {message.Text}{At(message.Location)}", IsError(message));
        page.PageError += (_, error) => Add($"[uncaught] {error}", isError: true);
        page.RequestFailed += (_, request) => Add($"[request failed] {request.Method} {request.Url}: {request.Failure}", isError: false);
    }

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Console errors and uncaught exceptions.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_entries)
            {
                return [.. _errors];
            }
        }
    }

    public override string ToString()
    {
        var entries = Entries;
        return entries.Count == 0 ? "(the browser console is empty)" : string.Join(Environment.NewLine, entries);
    }

    private void Add(string entry, bool isError)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            if (isError)
            {
                _errors.Add(entry);
            }
        }
    }

    private static bool IsError(IConsoleMessage message) => message.Type == "error";

    private static string At(string? location) => string.IsNullOrEmpty(location) ? "" : $" ({location})";
}
