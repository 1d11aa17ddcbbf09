using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Orchestration.Journeys;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// The journey orchestration as Durable Functions: the orchestrator and its two activities, bound by the names the
/// orchestration calls them by. Each is the shared code (EcCrm.Orchestration, Core's <see cref="JourneySteps"/>) in one line.
/// </summary>
public sealed class JourneyRunFunctions(JourneySteps steps)
{
    private static readonly JourneyOrchestrator Orchestrator = new();

    [Function(JourneyOrchestration.Orchestrator)]
    public static Task<JourneyRunEnd?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrator.RunAsync(context, context.GetInput<JourneyRun>() ?? throw new InvalidOperationException("A journey run needs its JourneyRun input."));

    [Function(JourneyOrchestration.SendActivity)]
    public Task<EffectCompleted> SendAsync([ActivityTrigger] JourneySendRequest request, CancellationToken cancellationToken) =>
        steps.SendAsync(request, cancellationToken);

    [Function(JourneyOrchestration.SaveActivity)]
    public async Task<bool> SaveAsync([ActivityTrigger] JourneyStepRecord step, CancellationToken cancellationToken)
    {
        // The orchestrator shares this class: no await here leaves the caller's context, so none can slip into it.
        await steps.SaveAsync(step, cancellationToken);
        return true;
    }
}
