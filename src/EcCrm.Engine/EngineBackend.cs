using DurableTask.AzureStorage;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace EcCrm.Engine;

/// <summary>
/// The engine's backend: DurableTask.AzureStorage on EcCrm's storage account (Azurite locally, or the account by
/// managed identity), in its own task hub.
/// </summary>
public static class EngineBackend
{
    public static string TaskHubName(StorageOptions storage, DurableOptions durable)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(durable);
        return storage.Prefix + durable.TaskHub;
    }

    public static AzureStorageOrchestrationService Create(StorageOptions storage, DurableOptions durable, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(durable);
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHubName(storage, durable),
            StorageAccountClientProvider = storage.UsesIdentity
                ? new StorageAccountClientProvider(
                    storage.BlobServiceUri ?? throw new InvalidOperationException($"Setting '{StorageOptions.SectionName}:BlobServiceUri' is needed by the journey engine with identity-based storage."),
                    storage.QueueServiceUri!,
                    storage.TableServiceUri!,
                    StorageClients.CredentialFor(storage))
                : new StorageAccountClientProvider(storage.ConnectionString ?? throw new InvalidOperationException($"Setting '{StorageOptions.SectionName}:ConnectionString' is missing.")),
            WorkerId = durable.WorkerId,
            PartitionCount = durable.PartitionCount,
            MaxQueuePollingInterval = durable.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = durable.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = durable.MessageVisibilityTimeout,
            LeaseInterval = durable.LeaseInterval,
            LeaseRenewInterval = durable.LeaseInterval / 3,
            LeaseAcquireInterval = durable.LeaseInterval / 3,
            MaxConcurrentTaskActivityWorkItems = durable.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = durable.MaxConcurrentOrchestrations,

            ExtendedSessionsEnabled = durable.ExtendedSessions,

            // The app lease serves blue/green swaps of Function Apps; a Server restarted under the same worker id takes its partitions back at once.
            UseAppLease = false,
            LoggerFactory = loggers,
        });
    }
}
