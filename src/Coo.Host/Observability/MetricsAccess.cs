using System.Security.Cryptography;
using System.Text;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Security;

namespace Coo.Host.Observability;

/// <summary>
/// Who may read <c>/metrics</c>: a caller from <c>Metrics:AllowedNetworks</c>, a signed-in admin
/// (an account granted the admin role, as for the jobs dashboard), or Prometheus with the static bearer <c>Metrics:ScrapeToken</c>.
/// Everyone else is refused: 401 when anonymous, 403 when signed in.
/// </summary>
internal sealed class MetricsAccess(AllowedNetworks allowedNetworks, byte[]? scrapeAuthorization)
{
    public static MetricsAccess From(IConfiguration configuration)
    {
        var options = ValidatedSettings.Read<MetricsOptions>(configuration, MetricsOptions.Section);
        var networks = AllowedNetworks.Parse(options.AllowedNetworks, $"{MetricsOptions.Section}:AllowedNetworks");
        var token = options.ScrapeToken is { } scrapeToken ? Encoding.UTF8.GetBytes($"Bearer {scrapeToken}") : null;
        return new MetricsAccess(networks, token);
    }

    public bool Allows(HttpContext http) =>
        allowedNetworks.Contain(http.Connection.RemoteIpAddress)
        || http.User.IsAdmin()
        || CarriesScrapeToken(http.Request);

    /// <summary>Compared in constant time, so the answer's timing does not reveal how much of a guess was right.</summary>
    public bool CarriesScrapeToken(HttpRequest request) =>
        scrapeAuthorization is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString()), scrapeAuthorization);
}
