using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// What operators do with runs in the engine, the same on both hosts (each passes its own client): look at one,
/// terminate one (the enrollment is then closed as cancelled, by the decider), restart a failed one from where it
/// failed, and purge finished ones after the retention period.
/// </summary>
public sealed class JourneyRuns(IEnrollmentStore enrollments, JourneyCatalog catalog, JourneySteps steps, TimeProvider time)
{
    public async Task<JourneyRunStatus?> GetAsync(DurableTaskClient durable, string enrollmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instance = await durable.GetInstanceAsync(enrollmentId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var enrollment = (await enrollments.GetAsync(enrollmentId, cancellationToken).ConfigureAwait(false))?.Value;
        // (Some clients fill in the failure details only with the inputs and outputs.)
        var running = instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;
        return new JourneyRunStatus(
            enrollmentId,
            instance.RuntimeStatus.ToString(),
            running ? enrollment?.State.TimerAt : null,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            instance.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null,
            enrollment is null ? null : EnrollmentView.From(enrollment));
    }

    /// <summary>Stops the run at once and closes its enrollment as cancelled. <c>false</c> when there is no such run.</summary>
    public async Task<bool> TerminateAsync(DurableTaskClient durable, string enrollmentId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instance = await durable.GetInstanceAsync(enrollmentId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return false;
        }

        if (!instance.IsCompleted)
        {
            await durable.TerminateInstanceAsync(enrollmentId, new TerminateInstanceOptions(Output: reason), cancellationToken).ConfigureAwait(false);
        }

        await CloseAsync(enrollmentId, reason, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Runs a failed run's failed step again, from the input it failed on; its effects are idempotent, so nothing happens twice.</summary>
    public static async Task<RestartOutcome> RestartAsync(DurableTaskClient durable, string enrollmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instance = await durable.GetInstanceAsync(enrollmentId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return RestartOutcome.NotFound;
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed || instance.ReadInputAs<JourneyRun>() is not { } run)
        {
            return RestartOutcome.NotFailed;
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(
            JourneyOrchestration.Orchestrator, run, new StartOrchestrationOptions(InstanceId: enrollmentId), cancellationToken).ConfigureAwait(false);
        return RestartOutcome.Restarted;
    }

    /// <summary>Removes finished runs (completed or terminated) last updated before <paramref name="finishedBefore"/>; failed ones stay until dealt with.</summary>
    public static async Task<int> PurgeAsync(DurableTaskClient durable, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var result = await durable.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: finishedBefore, Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated]),
            cancellationToken).ConfigureAwait(false);
        return result.PurgedInstanceCount;
    }

    /// <summary>The decider closes the enrollment as it closes a cancelled one, and the step is saved as a run saves it.</summary>
    private async Task CloseAsync(string enrollmentId, string reason, CancellationToken cancellationToken)
    {
        if ((await enrollments.GetAsync(enrollmentId, cancellationToken).ConfigureAwait(false))?.Value is not { HasEnded: false } enrollment
            || await catalog.GetAsync(enrollment.JourneyId, enrollment.Version, cancellationToken).ConfigureAwait(false) is not { } journey)
        {
            return;
        }

        var now = time.GetUtcNow();
        var step = await JourneyInterpreter.RunAsync(journey, enrollment, new Cancel(reason), () => now, NoSends.Instance).ConfigureAwait(false);
        await steps.SaveAsync(
            new JourneyStepRecord(enrollmentId, step.Effects, step.State),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A cancelled run sends nothing.</summary>
    private sealed class NoSends : IJourneyEffectPorts
    {
        public static NoSends Instance { get; } = new();

        public Task<SendOutcome> SendAsync(JourneySendRequest request) =>
            throw new InvalidOperationException($"Closing enrollment {request.Send.EnrollmentId} asked for an e-mail.");
    }
}
