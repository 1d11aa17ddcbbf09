using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// One enrollment's run on Durable Functions, interpreting the same decider as the Server's runner: decide → carry out
/// the effects as activities (a send's outcome is fed straight back) → save the enrollment → wait for the decider's
/// timer raced with the next input from outside → start the next generation with it (ContinueAsNew keeps the
/// history short however long the journey). Deterministic: time is the orchestration's, I/O happens in activities.
/// </summary>
public static class JourneyOrchestrator
{
    /// <summary>The external event carrying a <see cref="JourneyInputMessage"/> (an order, an e-mail event, a cancel …).</summary>
    public const string InputEvent = "JourneyInput";

    // Activities retry storage and provider hiccups; a send the provider keeps refusing fails the run visibly (rewind to resume).
    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(15), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(10)));

    [Function(nameof(JourneyOrchestrator))]
    public static async Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var run = context.GetInput<JourneyRun>() ?? throw new InvalidOperationException("A journey orchestration needs its JourneyRun input.");
        var journey = JourneyParser.Parse(run.JourneyJson).Definition
            ?? throw new InvalidOperationException($"{run.Enrollment.JourneyId} v{run.Enrollment.Version} no longer parses.");

        var step = await JourneyInterpreter.RunAsync(
            journey, run.Enrollment, run.Next, () => new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), new ActivityPorts(context), CancellationToken.None);
        var enrollment = run.Enrollment with { State = step.State };
        await context.CallActivityAsync(nameof(JourneyActivities.SaveEnrollment), enrollment, Retries);
        if (enrollment.HasEnded)
        {
            return;
        }

        context.ContinueAsNew(run with { Enrollment = enrollment, Next = await NextInputAsync(context, enrollment.State) });
    }

    /// <summary>The decider's timer (its token makes a late one harmless) or an input raised from outside, whichever comes first.</summary>
    private static async Task<JourneyInput> NextInputAsync(TaskOrchestrationContext context, EnrollmentState state)
    {
        using var cancel = new CancellationTokenSource();
        var input = context.WaitForExternalEvent<JourneyInputMessage>(InputEvent, cancel.Token);
        if (state is not { TimerToken: { } token, TimerAt: { } at })
        {
            return (await input).Input;
        }

        var timer = context.CreateTimer(at.UtcDateTime, cancel.Token);
        var first = await Task.WhenAny(input, timer);
#pragma warning disable CA1849 // CancelAsync would run the cancellation off the orchestrator's thread; Durable requires it on it.
        cancel.Cancel();
#pragma warning restore CA1849
        return first == input ? (await input).Input : new TimerFired(token);
    }

    /// <summary>The decider's effects as activities. Timers need no activity: the state carries them and the orchestration waits.</summary>
    private sealed class ActivityPorts(TaskOrchestrationContext context) : IJourneyEffectPorts
    {
        public async Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken) =>
            (await context.CallActivityAsync<EffectCompleted>(nameof(JourneyActivities.SendEmail), send, Retries)).Outcome;

        public Task ScheduleTimerAsync(string enrollmentId, WaitUntil wait, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CarryOutAsync(EnrollmentContext enrollment, JourneyEffect effect, CancellationToken cancellationToken) =>
            context.CallActivityAsync(nameof(JourneyActivities.CarryOutEffect), new EffectRequest(enrollment, effect), Retries);
    }
}
