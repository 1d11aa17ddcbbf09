using DurableTask.Core;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.Journeys;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcCrm.Engine;

/// <summary>
/// The Durable Task engine inside the Server: a DurableTask.Core worker on the configured backend (the Azure Storage
/// provider Durable Functions uses) running the journey orchestrator and its activities through the same shims the
/// Functions extension uses. It starts once storage is ready, retries with back-off while it cannot reach its task
/// hub, and hands its work back when the process stops.
/// </summary>
public sealed partial class JourneyEngine(
    IOrchestrationService backend,
    IServiceProvider services,
    DataConverter converter,
    StorageReadiness readiness,
    ILoggerFactory loggers,
    ILogger<JourneyEngine> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        var worker = CreateWorker();
        await StartAsync(worker, stoppingToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: let work in hand finish (the host's shutdown timeout bounds it); what does not is redelivered.
        }

        await worker.StopAsync(isForced: false).ConfigureAwait(false);
        LogStopped();
    }

    private async Task StartAsync(TaskHubWorker worker, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await backend.CreateIfNotExistsAsync().ConfigureAwait(false);
                await worker.StartAsync().ConfigureAwait(false);
                LogStarted();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(ex, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private TaskHubWorker CreateWorker()
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggers);
        var orchestrations = new Registry<TaskOrchestration>
        {
            [JourneyOrchestration.Orchestrator] = () => shims.CreateOrchestration(JourneyOrchestration.Orchestrator, new JourneyOrchestrator()),
        };
        var activities = new Registry<TaskActivity>
        {
            [JourneyOrchestration.SendActivity] = () => shims.CreateActivity(JourneyOrchestration.SendActivity, ActivatorUtilities.CreateInstance<SendJourneyEmail>(services)),
            [JourneyOrchestration.SaveActivity] = () => shims.CreateActivity(JourneyOrchestration.SaveActivity, ActivatorUtilities.CreateInstance<SaveJourneyStep>(services)),
        };

        // The SDK's orchestrations and activities report failures as FailureDetails, as Durable Functions does.
        return new TaskHubWorker(backend, orchestrations, activities, loggers) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
    }

    /// <summary>What the engine runs, by name: a new shim per work item, as the engine expects.</summary>
    private sealed class Registry<T> : Dictionary<string, Func<T>>, INameVersionObjectManager<T>
    {
        public Registry()
            : base(StringComparer.Ordinal)
        {
        }

        public void Add(ObjectCreator<T> creator) => throw new NotSupportedException("The journey engine's registry is fixed.");

        public T? GetObject(string name, string? version) => TryGetValue(name, out var create) ? create() : default;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The journey engine is running")]
    private partial void LogStarted();

    [LoggerMessage(Level = LogLevel.Information, Message = "The journey engine stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Error, Message = "The journey engine could not start; trying again in {Seconds} s")]
    private partial void LogStartFailed(Exception exception, double seconds);
}
