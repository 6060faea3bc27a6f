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
            .AddAspNetCoreInstrumentation()
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
