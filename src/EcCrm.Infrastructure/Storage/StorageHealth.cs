using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcCrm.Infrastructure.Storage;

/// <summary>Healthy when the profile table and the orders queue answer.</summary>
public sealed class StorageHealth(StorageClients storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in storage.Table(storage.Names.Profiles).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                break;
            }

            await storage.Queue(storage.Names.OrdersQueueName).GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("Table and queue storage answer.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested) // whatever storage throws, the answer is "unhealthy"
        {
            return HealthCheckResult.Unhealthy($"Storage does not answer: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }
}
