namespace EcCrm.Orchestration.Journeys;

/// <summary>The names the hosts bind the journey orchestration by: one orchestrator, two activities, one event.</summary>
public static class JourneyOrchestration
{
    public const string Orchestrator = nameof(JourneyOrchestrator);

    public const string SendActivity = nameof(SendJourneyEmail);

    public const string SaveActivity = nameof(SaveJourneyStep);

    /// <summary>The external event carrying a <see cref="Core.Journeys.Running.JourneyInputMessage"/> (an order, an e-mail event, a cancel …).</summary>
    public const string InputEvent = "JourneyInput";
}
