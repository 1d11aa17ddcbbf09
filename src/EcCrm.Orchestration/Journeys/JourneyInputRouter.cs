using System.Diagnostics;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// Hands an input from the <c>journey-inputs</c> queue to its enrollment's run: <c>Started</c> starts the run (instance
/// id = enrollment id, so a redelivered start is a no-op); every other input is raised to the run as an event. An input
/// for a run that has finished is harmless and dropped; one for a run not started yet is retried by the queue.
/// </summary>
public sealed partial class JourneyInputRouter(
    IEnrollmentStore enrollments, JourneyCatalog catalog, JourneyRunSettings settings, ILogger<JourneyInputRouter> logger)
{
    /// <summary>An instance in these states is the run already: a second start must not replace it.</summary>
    private static readonly IReadOnlyList<string> Running =
        [nameof(OrchestrationRuntimeStatus.Pending), nameof(OrchestrationRuntimeStatus.Running), nameof(OrchestrationRuntimeStatus.Suspended)];

    public async Task RouteAsync(DurableTaskClient durable, JourneyInputMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(message);
        using var span = EcCrmTelemetry.StartFrom(EcCrmTelemetry.JourneyInputSpan, ActivityKind.Consumer, message.TraceParent);
        span?.SetTag(EcCrmTelemetry.InputTag, message.Input.GetType().Name);
        // The run's step continues this span's trace: the message it gets carries it.
        message = message with { TraceParent = EcCrmTelemetry.CurrentTraceParent() ?? message.TraceParent };
        var instance = await durable.GetInstanceAsync(message.EnrollmentId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (message.Input is Started)
        {
            if (instance is null)
            {
                await StartAsync(durable, message, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (instance is null)
        {
            throw new JourneyRunNotStartedException($"The run of enrollment {message.EnrollmentId} has not started yet.");
        }

        if (instance.IsCompleted)
        {
            LogFinished(message.EnrollmentId, message.Input.GetType().Name, instance.RuntimeStatus);
            return;
        }

        await durable.RaiseEventAsync(message.EnrollmentId, JourneyOrchestration.InputEvent, message, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartAsync(DurableTaskClient durable, JourneyInputMessage message, CancellationToken cancellationToken)
    {
        var enrollment = (await enrollments.GetAsync(message.EnrollmentId, cancellationToken).ConfigureAwait(false))?.Value
            ?? throw new InvalidOperationException($"Enrollment {message.EnrollmentId} is not in the Enrollments table.");
        if (enrollment.State.Status != EnrollmentStatus.New)
        {
            return; // its run started and has since been purged: it never starts twice
        }

        var journey = await catalog.GetPublishedJsonAsync(enrollment.JourneyId, enrollment.Version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{enrollment.JourneyId} v{enrollment.Version} is not published.");
        await durable.ScheduleNewOrchestrationInstanceAsync(
            JourneyOrchestration.Orchestrator,
            new JourneyRun(enrollment, journey, message.Input, settings, message.TraceParent),
            new StartOrchestrationOptions(InstanceId: message.EnrollmentId) { DedupeStatuses = Running },
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Input {Input} for enrollment {EnrollmentId} dropped: its run is {Status}")]
    private partial void LogFinished(string enrollmentId, string input, OrchestrationRuntimeStatus status);
}
