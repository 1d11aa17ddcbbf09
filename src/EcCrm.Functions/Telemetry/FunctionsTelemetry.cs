using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Queues;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EcCrm.Functions.Telemetry;

/// <summary>
/// OpenTelemetry in the worker: the Functions defaults (the invocation's trace, continued from the host), EcCrm's
/// spans and meters, exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the host
/// then runs with <c>telemetryMode: OpenTelemetry</c>). Without it nothing is registered.
/// </summary>
internal static class FunctionsTelemetry
{
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddEcCrmTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(EcCrmTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(EcCrmTelemetry.Name, StorageConflicts.MeterName, QueueRetries.MeterName))
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(exporter => exporter.Credential = Credential(configuration[AuthenticationSetting]));
        return services;
    }

    /// <summary>
    /// Application Insights with local authentication off takes Entra ID tokens only: the identity named by the
    /// standard <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>), as the host uses.
    /// </summary>
    private static ManagedIdentityCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
