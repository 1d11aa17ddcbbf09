using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// What a durable run's activities do, the same in every host: carry out the effects the decider asked for and send
/// an e-mail, or carry out the effects after the last send and save the enrollment's state. Both run at least once,
/// so both are idempotent: effects are keyed, sends go through the send ledger, and a state never replaces a newer one.
/// </summary>
public sealed class JourneySteps(IJourneyMailer mailer, JourneyEffects effects, EnrollmentStates states)
{
    public async Task<EffectCompleted> SendAsync(JourneySendRequest request, CancellationToken cancellationToken)
    {
        await effects.CarryOutAsync(request.Before, cancellationToken).ConfigureAwait(false);
        return new EffectCompleted(request.Send.Effect.IdempotencyKey, await mailer.SendAsync(request.Send, cancellationToken).ConfigureAwait(false));
    }

    public async Task SaveAsync(JourneyStepRecord step, CancellationToken cancellationToken)
    {
        await effects.CarryOutAsync(step.Effects, cancellationToken).ConfigureAwait(false);
        await states.SaveAsync(step.EnrollmentId, step.State, cancellationToken).ConfigureAwait(false);
    }
}
