using EcCrm.Core.Privacy;
using Microsoft.DurableTask.Client;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// Stops a customer's run through the engine client (as an operator's terminate does) and purges it, so the engine's
/// history of the run goes too. Termination is a message the worker handles: the purge waits for it, up to a limit.
/// </summary>
public sealed class EngineCustomerRuns(JourneyRuns runs, DurableTaskClient durable) : ICustomerRuns
{
    public static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);

    public async Task<bool> StopAndForgetAsync(string enrollmentId, CancellationToken cancellationToken)
    {
        if (!await runs.TerminateAsync(durable, enrollmentId, "the customer was erased", cancellationToken).ConfigureAwait(false))
        {
            return true; // no run in the engine: nothing to forget
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TerminationWait);
        try
        {
            await durable.WaitForInstanceCompletionAsync(enrollmentId, getInputsAndOutputs: false, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the engine's worker is not running: the run stops when it starts, and is purged after its retention
        }

        return (await durable.PurgeInstanceAsync(enrollmentId, cancellation: cancellationToken).ConfigureAwait(false)).PurgedInstanceCount > 0;
    }
}
