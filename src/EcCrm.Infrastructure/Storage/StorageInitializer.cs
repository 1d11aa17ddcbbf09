using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcCrm.Infrastructure.Storage;

/// <summary>Creates EcCrm's tables and queues before anything else starts (idempotent).</summary>
public sealed partial class StorageInitializer(StorageClients storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(storage, cancellationToken).ConfigureAwait(false);
        LogReady(storage.Names.Tables.Count, storage.Names.Queues.Count, storage.Names.Prefix);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task EnsureCreatedAsync(StorageClients storage, CancellationToken cancellationToken)
    {
        foreach (var table in storage.Names.Tables)
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in storage.Names.Queues)
        {
            await storage.Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {TableCount} tables and {QueueCount} queues (prefix '{Prefix}')")]
    private partial void LogReady(int tableCount, int queueCount, string prefix);
}
