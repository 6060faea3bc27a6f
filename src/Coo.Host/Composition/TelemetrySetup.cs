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
    /// Traces of requests, database and Redis calls, outbox deliveries and jobs. Spans are always made (the outbox and
    /// the logs carry their ids), but they leave the process only when an OTLP endpoint is configured: without one
    /// there is no exporter, so nothing is sent and nothing fails when no collector listens.
    /// </summary>
    public static IServiceCollection AddCooTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = ValidatedSettings.Read<OtlpExportOptions>(configuration, OtlpExportOptions.Section);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("coo", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new NoRootClientSpans()))
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

    /// <summary>
    /// A database or Redis call outside any span (the outbox dispatchers poll every couple of seconds per module) would
    /// start a trace of its own, all noise: such root client spans are dropped. Every other root span is kept, and
    /// a child follows its parent's decision (<see cref="ParentBasedSampler"/>).
    /// </summary>
    private sealed class NoRootClientSpans : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
