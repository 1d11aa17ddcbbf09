using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EcCrm.Functions.Journeys;

/// <summary>The journey orchestration's activities: the same ports the Server's runner calls. All are idempotent.</summary>
public sealed class JourneyActivities(IJourneyMailer mailer, JourneyEffects effects, IEnrollmentStore enrollments)
{
    /// <summary>Sends through the send ledger (never twice per idempotency key); the outcome goes back to the decider.</summary>
    [Function(nameof(SendEmail))]
    public async Task<EffectCompleted> SendEmail([ActivityTrigger] JourneySend send, CancellationToken cancellationToken) =>
        new(send.Effect.IdempotencyKey, await mailer.SendAsync(send, cancellationToken).ConfigureAwait(false));

    [Function(nameof(CarryOutEffect))]
    public Task CarryOutEffect([ActivityTrigger] EffectRequest request, CancellationToken cancellationToken) =>
        effects.CarryOutAsync(request.Enrollment, request.Effect, cancellationToken);

    /// <summary>Mirrors the run's state into the Enrollments table (the admin API, re-entry rules and reports read it there).</summary>
    [Function(nameof(SaveEnrollment))]
    public async Task SaveEnrollment([ActivityTrigger] EnrollmentRecord enrollment, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await enrollments.GetAsync(enrollment.EnrollmentId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Enrollment {enrollment.EnrollmentId} is not in the Enrollments table.");
            if (stored.Value.State.Sequence > enrollment.State.Sequence)
            {
                return; // a replayed activity with an older state
            }

            if (await enrollments.TryReplaceAsync(enrollment, stored.Version, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        throw new ConcurrencyConflictException($"Enrollment {enrollment.EnrollmentId} kept changing while its state was saved.");
    }
}
