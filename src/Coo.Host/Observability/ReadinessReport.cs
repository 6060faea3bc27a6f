using System.Text.Json;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coo.Host.Observability;

/// <summary>Settings of section <c>Health</c>.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// CIDR ranges whose callers see the readiness report's checks (names, statuses, timings). Empty by default;
    /// Development adds loopback (<c>appsettings.Development.json</c>).
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>
/// <c>/health/ready</c> answers everyone with its status (200 or 503, and <c>{"status"}</c>); which checks ran and how
/// long they took tells an attacker what the service depends on, so only administrators and callers from
/// <c>Health:AllowedNetworks</c> see them.
/// </summary>
internal sealed class ReadinessReport(AllowedNetworks allowedNetworks)
{
    public static IServiceCollection AddCooReadinessReport(IServiceCollection services, IConfiguration configuration)
    {
        var options = ValidatedSettings.Read<HealthOptions>(configuration, HealthOptions.Section);
        return services.AddSingleton(new ReadinessReport(AllowedNetworks.Parse(options.AllowedNetworks, $"{HealthOptions.Section}:AllowedNetworks")));
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var status = report.Status.ToString();
        if (!context.RequestServices.GetRequiredService<ReadinessReport>().ShowsChecksTo(context))
        {
            return JsonSerializer.SerializeAsync(context.Response.Body, new { status });
        }

        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        });
    }

    private bool ShowsChecksTo(HttpContext context) =>
        context.User.IsAdmin() || allowedNetworks.Contain(context.Connection.RemoteIpAddress);
}
