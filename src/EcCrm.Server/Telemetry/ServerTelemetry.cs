using Azure.Monitor.OpenTelemetry.AspNetCore;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Queues;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EcCrm.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the Server: EcCrm's own spans and meters plus ASP.NET Core's requests, exported to the console or
/// OTLP by <c>Telemetry__Exporter</c>, to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and
/// scraped at <c>/metrics</c> when <c>Telemetry__Prometheus</c> is true. With none of them the SDK still listens (cheap),
/// so tests can add an in-memory exporter.
/// </summary>
internal static class ServerTelemetry
{
    public const string ServiceName = "eccrm-server";

    private static readonly string[] Meters = [EcCrmTelemetry.Name, StorageConflicts.MeterName, QueueRetries.MeterName];

    public static IServiceCollection AddEcCrmTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[TelemetryOptions.ApplicationInsightsSetting]);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(EcCrmTelemetry.Name);
                if (!azureMonitor)
                {
                    // The Azure Monitor distro adds ASP.NET Core's instrumentation itself.
                    tracing.AddAspNetCoreInstrumentation();
                }

                _ = options.Exporter switch
                {
                    TelemetryExporter.Console => tracing.AddConsoleExporter(),
                    TelemetryExporter.Otlp => tracing.AddOtlpExporter(),
                    _ => tracing,
                };
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (!azureMonitor)
                {
                    metrics.AddAspNetCoreInstrumentation();
                }

                _ = options.Exporter switch
                {
                    TelemetryExporter.Console => metrics.AddConsoleExporter(),
                    TelemetryExporter.Otlp => metrics.AddOtlpExporter(),
                    _ => metrics,
                };

                // A pull reader: it aggregates but collects only when scraped. Always there, so the endpoint's switch is
                // read when endpoints are mapped, from every configuration source (test hosts' included).
                metrics.AddPrometheusExporter();
            });
        if (azureMonitor)
        {
            telemetry.UseAzureMonitor();
        }

        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> when the Prometheus endpoint is switched on.</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.Prometheus == true)
        {
            app.MapPrometheusScrapingEndpoint();
        }

        return app;
    }
}
