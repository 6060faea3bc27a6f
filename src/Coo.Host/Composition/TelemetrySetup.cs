using System.Diagnostics;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Observability;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Coo.Host.Composition;

internal static class TelemetrySetup
{
    /// <summary>
    /// Traces of requests, database and Redis calls, outbox deliveries and jobs, for a sample of the traces that start
    /// here (<see cref="TracingOptions.SampleRatio"/>). Every request still carries a trace id (the outbox and the logs
    /// keep it), but only a sampled one records spans, and they leave the process only when an OTLP endpoint is
    /// configured: without one there is no exporter, so nothing is sent and nothing fails when no collector listens.
    /// </summary>
    public static IServiceCollection AddCooTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = ValidatedSettings.Read<OtlpExportOptions>(configuration, OtlpExportOptions.Section);
        var sampleRatio = ValidatedSettings.Read<TracingOptions>(configuration, TracingOptions.Section).SampleRatio;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("coo", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new RootSpanSampler(sampleRatio)))
                    .AddSource(CooTracing.Messaging.Name, CooTracing.Jobs.Name)
                    .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();
                if (RedisOptions.IsConfigured(configuration))
                {
                    tracing.AddRedisInstrumentation();
                }

                if (otlp.Exports)
                {
                    // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* settings.
                    tracing.AddOtlpExporter();
                }
            });
        return services;
    }

    // The API is what callers wait for; probes, documents, the dashboard and the web client's files would only drown it.
    private static bool IsTraced(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
