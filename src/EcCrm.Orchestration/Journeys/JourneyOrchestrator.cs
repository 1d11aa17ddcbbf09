using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// One enrollment's run (instance id = enrollment id), the same in both hosts: decide on the next input with the
/// <see cref="JourneyInterpreter"/>, sending each e-mail as an activity whose outcome goes straight back to the decider;
/// save the step's remaining effects and state in one activity; then wait for the decider's timer raced with the next
/// input raised from outside, and start the next generation with it (ContinueAsNew keeps the history short however
/// long the journey). Deterministic: time is the orchestration's, read through the run's clock; I/O happens in activities.
/// </summary>
public sealed class JourneyOrchestrator : TaskOrchestrator<JourneyRun, JourneyRunEnd?>
{
    public override async Task<JourneyRunEnd?> RunAsync(TaskOrchestrationContext context, JourneyRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var journey = JourneyParser.Parse(input.JourneyJson).Definition
            ?? throw new InvalidOperationException($"{input.Enrollment.JourneyId} v{input.Enrollment.Version} no longer parses.");
        var clock = input.Settings.Clock;
        var retry = input.Settings.Retry.ToTaskOptions();

        var step = await JourneyInterpreter.RunAsync(
            journey, input.Enrollment, input.Next, () => clock.ToJourneyTime(Now(context)), new ActivityPorts(context, retry, input.TraceParent));
        if (step.Unprocessed > 0)
        {
            context.CreateReplaySafeLogger<JourneyOrchestrator>().LogError(
                "Enrollment {EnrollmentId}: the interpreter's guard stopped with {Pending} inputs left", input.Enrollment.EnrollmentId, step.Unprocessed);
        }

        var enrollment = input.Enrollment with { State = step.State };
        if (step.Effects.Count > 0 || !ReferenceEquals(step.State, input.Enrollment.State))
        {
            await context.CallActivityAsync(
                JourneyOrchestration.SaveActivity, new JourneyStepRecord(enrollment.EnrollmentId, step.Effects, step.State, input.TraceParent), retry);
        }

        if (enrollment.HasEnded)
        {
            return new JourneyRunEnd(step.State.Status, step.State.ExitReason, step.State.ConvertedOrderId);
        }

        var (next, traceParent) = await NextInputAsync(context, step.State, clock);
        context.ContinueAsNew(input with { Enrollment = enrollment, Next = next, TraceParent = traceParent });
        return null;
    }

    /// <summary>
    /// The decider's timer (its token makes a late one harmless) or an input raised from outside, whichever comes first,
    /// with the trace the input came with (data from the event, so replay sees the same).
    /// </summary>
    private static async Task<(JourneyInput Input, string? TraceParent)> NextInputAsync(TaskOrchestrationContext context, EnrollmentState state, JourneyClock clock)
    {
        using var cancel = new CancellationTokenSource();
        var input = context.WaitForExternalEvent<JourneyInputMessage>(JourneyOrchestration.InputEvent, cancel.Token);
        if (state is not { TimerToken: { } token, TimerAt: { } at })
        {
            var only = await input;
            return (only.Input, only.TraceParent);
        }

        var timer = context.CreateTimer(clock.ToRealTime(at).UtcDateTime, cancel.Token);
        var first = await Task.WhenAny(input, timer);
#pragma warning disable CA1849 // CancelAsync would run the cancellation off the orchestrator's thread; Durable requires it on it.
        cancel.Cancel();
#pragma warning restore CA1849
        if (first != input)
        {
            return (new TimerFired(token), null);
        }

        var raised = await input;
        return (raised.Input, raised.TraceParent);
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    /// <summary>Each send is an activity; its outcome comes back to the decider.</summary>
    private sealed class ActivityPorts(TaskOrchestrationContext context, TaskOptions retry, string? traceParent) : IJourneyEffectPorts
    {
        public async Task<SendOutcome> SendAsync(JourneySendRequest request) =>
            (await context.CallActivityAsync<EffectCompleted>(JourneyOrchestration.SendActivity, request with { TraceParent = traceParent }, retry)).Outcome;
    }
}
