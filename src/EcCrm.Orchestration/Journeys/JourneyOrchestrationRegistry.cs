using Microsoft.DurableTask;

namespace EcCrm.Orchestration.Journeys;

/// <summary>Registers the journey orchestrator and its activities with a Durable Task worker (in-process hosts and tests).</summary>
public static class JourneyOrchestrationRegistry
{
    public static DurableTaskRegistry AddJourneyOrchestration(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<JourneyOrchestrator>()
            .AddActivity<SendJourneyEmail>()
            .AddActivity<SaveJourneyStep>();
    }
}
