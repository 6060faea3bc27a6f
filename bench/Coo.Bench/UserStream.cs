using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Coo.Bench;

/// <summary>
/// One open <c>GET /api/v1/users/me/stream</c> (server-sent events) as a client holds it: opened once its first event,
/// the heartbeat the host sends at once, has come; then read in the background, noting when each <c>update</c> (a coo
/// coming into the home timeline) arrived, until the bench closes it or the host does.
/// </summary>
internal sealed class UserStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _closing = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _updates = new(StringComparer.Ordinal);
    private readonly Task _reading;

    private UserStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>True until the host ended the stream or it failed; the bench closing it does not count.</summary>
    public bool IsOpen => !_reading.IsCompleted || _closing.IsCancellationRequested;

    /// <summary>
    /// Opens a stream and waits for its opening heartbeat. <paramref name="http"/> must allow as many connections as
    /// streams are to be open, each stream holding one.
    /// </summary>
    public static async Task<UserStream> OpenAsync(HttpClient http, Account account)
    {
        using var request = ApiClient.Request(HttpMethod.Get, "/api/v1/users/me/stream", account);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new InvalidOperationException($"Opening {account.Username}'s stream answered {(int)status} {status}.");
        }

        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var (name, _) = await ReadEventAsync(reader, CancellationToken.None);
        if (name != "heartbeat")
        {
            response.Dispose();
            throw new InvalidOperationException($"{account.Username}'s stream opened with '{name}', not the heartbeat.");
        }

        return new UserStream(response, reader);
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the stream announced the coo, once it has.</summary>
    public Task<long> UpdateArrivedAsync(string cooId) => Update(cooId).Task;

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or HttpRequestException)
        {
        }

        _reader.Dispose();
        _closing.Dispose();
    }

    private TaskCompletionSource<long> Update(string cooId) =>
        _updates.GetOrAdd(cooId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ReadAsync()
    {
        while (await ReadEventAsync(_reader, _closing.Token) is (not null and var name, var data))
        {
            var arrived = Stopwatch.GetTimestamp();
            if (name == "update")
            {
                using var coo = JsonDocument.Parse(data);
                Update(coo.RootElement.GetProperty("id").GetString()!).TrySetResult(arrived);
            }
        }
    }

    /// <summary>The next event's name and data (SSE: <c>field: value</c> lines up to a blank line); a null name at the end of the stream.</summary>
    private static async Task<(string? Name, string Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        var data = "";
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    return (name, data);
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return (null, "");
    }
}
