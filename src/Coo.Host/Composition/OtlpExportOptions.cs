using Microsoft.Extensions.Configuration;

namespace Coo.Host.Composition;

/// <summary>The standard OpenTelemetry settings (environment variables or configuration keys at the root) Coo reads itself.</summary>
internal sealed class OtlpExportOptions
{
    /// <summary>At the root of the configuration, where the OpenTelemetry SDK reads its own.</summary>
    public const string Section = "";

    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Where traces are exported; none by default, and then nothing is sent. Protocol, headers and timeout come from
    /// the other <c>OTEL_EXPORTER_OTLP_*</c> settings, read by the exporter itself.
    /// </summary>
    [ConfigurationKeyName(EndpointSetting)]
    public string? Endpoint { get; set; }

    public bool Exports => !string.IsNullOrWhiteSpace(Endpoint);
}
