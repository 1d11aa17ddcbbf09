using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Storage;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Writes an enrollment's state as a runtime that keeps its own state (the Durable orchestrator) reports it, so the
/// admin API and reports see the same table on both hosts. Never moves an enrollment back to an older state.
/// </summary>
public sealed class EnrollmentStates(IEnrollmentStore enrollments)
{
    private const int MaxAttempts = 8;

    public async Task SaveAsync(string enrollmentId, EnrollmentState state, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await enrollments.GetAsync(enrollmentId, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return;
            }

            if (stored.Value.State.Sequence > state.Sequence || (stored.Value.HasEnded && !state.HasEnded))
            {
                return; // a later state is already there (activities may be retried out of order)
            }

            if (await enrollments.TryReplaceAsync(stored.Value with { State = state }, stored.Version, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        throw new ConcurrencyConflictException($"Enrollment {enrollmentId} kept changing while its state was saved.");
    }
}
