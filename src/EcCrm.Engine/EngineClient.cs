using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace EcCrm.Engine;

/// <summary>
/// The Microsoft.DurableTask client over DurableTask.Core's client interface, so that the journey orchestration's
/// router and operations code, written against <see cref="DurableTaskClient"/>, talk to the Server's engine exactly
/// as they talk to Durable Functions. Only what EcCrm uses is supported: start, raise, query, wait, terminate, purge.
/// </summary>
public sealed class EngineClient(IOrchestrationServiceClient client, DataConverter converter) : DurableTaskClient("EcCrm.Engine")
{
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? throw new ArgumentException("Journey runs are started with their enrollment id.", nameof(options)),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var start = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
        };
        var dedupe = options?.DedupeStatuses?.Select(status => (OrchestrationStatus)Enum.Parse<OrchestrationRuntimeStatus>(status, ignoreCase: true)).ToArray();
        cancellation.ThrowIfCancellationRequested();
        await client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = start }, dedupe).ConfigureAwait(false);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName },
        });
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await client.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        return states is { Count: > 0 } && states[0] is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var state = await client.WaitForOrchestrationAsync(instanceId, executionId: null, Timeout.InfiniteTimeSpan, cancellation).ConfigureAwait(false);
        return ToMetadata(state, getInputsAndOutputs);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending } started)
            {
                return started;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation).ConfigureAwait(false);
        }
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create((continuation, pageSize, cancellation) => QueryAsync(filter, continuation, pageSize, cancellation));

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return ToPurgeResult(await Purger.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false));
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(status => (OrchestrationStatus)status));
        return ToPurgeResult(await Purger.PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false));
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("Journey runs are not suspended; pause the journey instead.");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("Journey runs are not suspended; pause the journey instead.");

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IOrchestrationServicePurgeClient Purger => client as IOrchestrationServicePurgeClient
        ?? throw new NotSupportedException($"{client.GetType().Name} cannot purge instances.");

    private async Task<Page<OrchestrationMetadata>> QueryAsync(OrchestrationQuery? filter, string? continuation, int? pageSize, CancellationToken cancellation)
    {
        var query = client as IOrchestrationServiceQueryClient ?? throw new NotSupportedException($"{client.GetType().Name} cannot query instances.");
        var result = await query.GetOrchestrationWithQueryAsync(
            new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(status => (OrchestrationStatus)status).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            },
            cancellation).ConfigureAwait(false);
        return new Page<OrchestrationMetadata>(
            [.. result.OrchestrationState.Select(state => ToMetadata(state, filter?.FetchInputsAndOutputs ?? false))], result.ContinuationToken);
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withData) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = withData ? state.Input : null,
        SerializedOutput = withData ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = ToFailure(state.FailureDetails),
    };

    private static TaskFailureDetails? ToFailure(FailureDetails? failure) => failure is null
        ? null
        : new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToFailure(failure.InnerFailure), null);

    private static PurgeResult ToPurgeResult(CorePurgeResult result) => new(result.DeletedInstanceCount);
}
