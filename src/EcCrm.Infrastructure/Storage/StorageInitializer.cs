using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcCrm.Infrastructure.Storage;

/// <summary>
/// Creates EcCrm's tables, queues and blob containers (idempotent) while the host starts, so the first request finds
/// them, and copies suppressions recorded before they were kept beside profiles (<see cref="Email.SuppressionBackfill"/>,
/// once). If storage does not answer, the host starts anyway and keeps trying with back-off: the outage shows in
/// /healthz and as 503 answers instead of a crash loop. Listeners wait until it succeeded.
/// </summary>
public sealed partial class StorageInitializer(
    StorageClients storage, StorageReadiness readiness, IHostApplicationLifetime lifetime, ILogger<StorageInitializer> logger) : IHostedService
{
    private Task? retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryCreateAsync(cancellationToken).ConfigureAwait(false))
        {
            retries = RetryAsync(lifetime.ApplicationStopping);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (retries ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while storage was still unreachable.
        }
    }

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

        foreach (var container in storage.Names.Containers)
        {
            await storage.Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryCreateAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureCreatedAsync(storage, cancellationToken).ConfigureAwait(false);
            await Email.SuppressionBackfill.CopyOnceAsync(storage, cancellationToken).ConfigureAwait(false);
            readiness.MarkReady();
            LogReady(storage.Names.Tables.Count, storage.Names.Queues.Count, storage.Names.Prefix);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage not running is an outage to wait out, said in a line; anything else keeps its stack trace.
            if (StorageUnreachable.Is(ex))
            {
                LogUnreachable(StorageUnreachable.Describe(ex));
            }
            else
            {
                LogNotReady(ex);
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {TableCount} tables and {QueueCount} queues (prefix '{Prefix}')")]
    private partial void LogReady(int tableCount, int queueCount, string prefix);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage is not reachable; tables and queues will be created when it answers")]
    private partial void LogNotReady(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage does not answer ({Reason}); tables and queues will be created when it answers, and /healthz reports 503 until then")]
    private partial void LogUnreachable(string reason);
}
