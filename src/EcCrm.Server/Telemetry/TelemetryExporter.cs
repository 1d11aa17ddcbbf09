namespace EcCrm.Server.Telemetry;

/// <summary>Where traces and metrics are exported locally (<c>Telemetry__Exporter</c>).</summary>
public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}
