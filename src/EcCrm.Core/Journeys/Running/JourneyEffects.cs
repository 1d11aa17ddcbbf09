using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Carries out the decider's effects that are neither a send nor a wait (those need the runtime's own mechanisms):
/// analytics events, conversions, coupons, profile tags and attributes, alerts to the shop. Every one is idempotent. Every host's activities use it.
/// </summary>
public sealed class JourneyEffects(IJourneyEventLog events, ProfileActions profileActions, ICouponIssuer coupons, TimeProvider time, Alerts.ShopAlerts? alerts = null)
{
    /// <summary>Carries out effects in the order the decider asked for them.</summary>
    public async Task CarryOutAsync(IReadOnlyList<EnrollmentEffect> effects, CancellationToken cancellationToken)
    {
        foreach (var effect in effects)
        {
            await CarryOutAsync(effect.Enrollment, effect.Effect, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CarryOutAsync(EnrollmentContext enrollment, JourneyEffect effect, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case RecordJourneyEvent { Kind: JourneyEventKind.Converted }:
                return; // recorded once, with the order and its revenue, from RecordConversion
            case RecordJourneyEvent recorded:
                await events.RecordAsync(Event(enrollment, recorded.Key, recorded.Kind, recorded.NodeId, recorded.Detail) with { Value = recorded.Value }, cancellationToken).ConfigureAwait(false);
                return;
            case RecordConversion conversion:
                await events.RecordAsync(
                    Event(enrollment, $"{enrollment.EnrollmentId}:conversion", JourneyEventKind.Converted, enrollment.Node, $"order {conversion.OrderId}")
                        with { OrderId = conversion.OrderId, Revenue = conversion.Revenue, At = conversion.PlacedAt },
                    cancellationToken).ConfigureAwait(false);
                return;
            case CreateCoupon coupon:
                await coupons.IssueAsync(enrollment.Customer, enrollment.JourneyId, coupon, cancellationToken).ConfigureAwait(false);
                return;
            case TagProfile tag:
                await profileActions.TagAsync(enrollment.Customer, tag.Tag, cancellationToken).ConfigureAwait(false);
                return;
            case UpdateProfile update:
                await profileActions.SetAttributeAsync(enrollment.Customer, update.Attribute, update.Value, cancellationToken).ConfigureAwait(false);
                return;
            case AlertShop alert:
                await (alerts ?? throw new InvalidOperationException("Shop alerts are not set up in this host.")).RaiseAsync(enrollment, alert, cancellationToken).ConfigureAwait(false);
                return;
            case ExitEnrollment or CompleteEnrollment:
                return; // the state says so; the decider recorded the event
            default:
                throw new InvalidOperationException($"{effect.GetType().Name} is carried out by the runtime, not by {nameof(JourneyEffects)}.");
        }
    }

    private JourneyEventRecord Event(EnrollmentContext enrollment, string key, JourneyEventKind kind, string? node, string? detail) =>
        new(enrollment.JourneyId, enrollment.Version, enrollment.EnrollmentId, enrollment.Customer, enrollment.Group, key, kind, node, detail, time.GetUtcNow());
}
