namespace EcCrm.Server.Telemetry;

/// <summary>
/// Where the Server's traces and metrics go (section <c>Telemetry</c>). Azure Monitor is chosen by the standard
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> setting, the OTLP endpoint by the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (default <c>http://localhost:4317</c>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The standard setting naming the Application Insights resource; when set, everything also goes to Azure Monitor.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>none</c> (default), <c>console</c> or <c>otlp</c>.</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>Serve the metrics at <c>GET /metrics</c> in the Prometheus text format (off by default).</summary>
    public bool Prometheus { get; set; }
}
