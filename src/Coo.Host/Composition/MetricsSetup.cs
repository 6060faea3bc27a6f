using Coo.Host.Observability;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OpenTelemetry.Metrics;

namespace Coo.Host.Composition;

/// <summary>
/// OpenTelemetry metrics: ASP.NET Core's HTTP server metrics, the .NET runtime's, and Coo's own (meter
/// <see cref="CooMetrics.MeterName"/>), served at <c>/metrics</c> in Prometheus text format to the callers
/// <see cref="MetricsAccess"/> lets in. Not rate limited: Prometheus scrapes on its own schedule.
/// </summary>
internal static class MetricsSetup
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// ASP.NET Core's meters that say how requests, connections and errors fare. Not all of them, as
    /// <c>AddAspNetCoreInstrumentation</c> would: authentication, authorization, routing and rate limiting each record
    /// on every request what the request's own duration and Coo's counters (sign-in failures, rate-limit rejections)
    /// already say. Recording them was most of what metrics cost a timeline read: 3.5 % of its host CPU with them, 0.8 %
    /// without (perf samples under the metrics code).
    /// </summary>
    private static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"];

    public static IServiceCollection AddCooMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var access = MetricsAccess.From(configuration);
        services.AddSingleton(access);

        // Prometheus's scrape token is no JWT: the bearer handler need not try (and fail) to validate it on every
        // scrape. Other paths are left alone, so API requests pay nothing for this.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var received = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await received(context);
                if (context.Request.Path == ScrapePath && access.CarriesScrapeToken(context.Request))
                {
                    context.NoResult();
                }
            };
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AspNetCoreMeters)
            .AddRuntimeInstrumentation()
            .AddMeter(CooMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    public static void MapCooMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(ScrapePath)
            .RequireAuthorization(policy => policy.RequireAssertion(context =>
                context.Resource is HttpContext http && http.RequestServices.GetRequiredService<MetricsAccess>().Allows(http)));
}
