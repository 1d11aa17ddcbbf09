using EcCrm.Core.Journeys.Running;
using Microsoft.DurableTask;

namespace EcCrm.Orchestration.Journeys;

/// <summary>The end-of-step activity: the remaining effects, then the enrollment's state in the Enrollments table.</summary>
public sealed class SaveJourneyStep(JourneySteps steps) : TaskActivity<JourneyStepRecord, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JourneyStepRecord input)
    {
        await steps.SaveAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
