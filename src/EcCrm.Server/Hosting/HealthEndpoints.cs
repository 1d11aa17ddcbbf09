using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EcCrm.Server.Hosting;

/// <summary><c>GET /healthz</c>: 200 when storage answers, 503 with the reason when it does not.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString().ToLowerInvariant(),
                    checks = report.Entries.ToDictionary(entry => entry.Key, entry => new { status = entry.Value.Status.ToString().ToLowerInvariant(), entry.Value.Description }),
                }));
            },
        });
        return app;
    }
}
