using System.Diagnostics;
using EcCrm.Core.Diagnostics;
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
        ArgumentNullException.ThrowIfNull(request);
        using var span = EcCrmTelemetry.StartFrom(EcCrmTelemetry.JourneySendSpan, ActivityKind.Internal, request.TraceParent);
        span?.SetTag(EcCrmTelemetry.JourneyTag, request.Send.JourneyId);
        span?.SetTag(EcCrmTelemetry.NodeTag, request.Send.Effect.NodeId);
        await effects.CarryOutAsync(request.Before, cancellationToken).ConfigureAwait(false);
        SendOutcome outcome;
        using (EcCrmTelemetry.Source.StartActivity(EcCrmTelemetry.EmailSendSpan))
        {
            outcome = await mailer.SendAsync(request.Send, cancellationToken).ConfigureAwait(false);
        }

        var name = outcome.GetType().Name;
        span?.SetTag(EcCrmTelemetry.OutcomeTag, name);
        EcCrmTelemetry.SendFinished(request.Send.JourneyId, name, (outcome as Deferred)?.Reason.ToString());
        return new EffectCompleted(request.Send.Effect.IdempotencyKey, outcome);
    }

    public async Task SaveAsync(JourneyStepRecord step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var span = EcCrmTelemetry.StartFrom(EcCrmTelemetry.JourneyStepSpan, ActivityKind.Internal, step.TraceParent);
        span?.SetTag(EcCrmTelemetry.JourneyTag, step.State.JourneyId);
        span?.SetTag(EcCrmTelemetry.NodeTag, step.State.Node);
        await effects.CarryOutAsync(step.Effects, cancellationToken).ConfigureAwait(false);
        await states.SaveAsync(step.EnrollmentId, step.State, cancellationToken).ConfigureAwait(false);
    }
}
