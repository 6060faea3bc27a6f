using System.Globalization;
using System.Security.Claims;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Coo.Host.Compositions.Streaming;

/// <summary>
/// A stream is one request that lasts; it must not outlive the access token that opened it. Asked between events, so
/// that the check never runs beside the stream's own use of the request: false once the token has expired (with the
/// clock skew every request is allowed) or, checked every <see cref="LiveOptions.TokenCheckInterval"/>, was revoked.
/// The stream then ends, and its client reconnects with a valid token, resuming after the last event it got. A check
/// that fails or takes longer than <see cref="CheckTimeout"/> (the database is down or slow) keeps the stream open
/// until the next one: an outage costs the revocation's promptness, not every app's stream.
/// </summary>
internal sealed class StreamCredentials
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private readonly ClaimsPrincipal _user;
    private readonly IEnumerable<IRevocableTokenCheck> _revocable;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _checkEvery;
    private readonly DateTimeOffset? _expires;
    private DateTimeOffset _nextCheck;

    private StreamCredentials(HttpContext http)
    {
        _user = http.User;
        _revocable = http.RequestServices.GetServices<IRevocableTokenCheck>();
        _time = http.RequestServices.GetRequiredService<TimeProvider>();
        _logger = http.RequestServices.GetRequiredService<ILogger<StreamCredentials>>();
        _checkEvery = http.RequestServices.GetRequiredService<IOptions<LiveOptions>>().Value.TokenCheckInterval;
        _expires = long.TryParse(_user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) + AuthenticationSetup.ClockSkew
            : null;
        _nextCheck = _time.GetUtcNow() + _checkEvery;
    }

    public static StreamCredentials Of(HttpContext http) => new(http);

    public async ValueTask<bool> StillAcceptedAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now >= _expires)
        {
            return false;
        }

        if (now < _nextCheck)
        {
            return true;
        }

        _nextCheck = now + _checkEvery;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            foreach (var check in _revocable)
            {
                if (!await check.IsStillValidAsync(_user, timeout.Token))
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Could not check whether a stream's access token was revoked; asking again in {Interval}", _checkEvery);
        }

        return true;
    }
}
