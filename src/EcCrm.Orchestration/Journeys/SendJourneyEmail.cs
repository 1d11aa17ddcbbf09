using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using Microsoft.DurableTask;

namespace EcCrm.Orchestration.Journeys;

/// <summary>The send activity: the effects asked for before the e-mail, then the e-mail through the send ledger (never twice per key).</summary>
public sealed class SendJourneyEmail(JourneySteps steps) : TaskActivity<JourneySendRequest, EffectCompleted>
{
    public override Task<EffectCompleted> RunAsync(TaskActivityContext context, JourneySendRequest input) => steps.SendAsync(input, CancellationToken.None);
}
