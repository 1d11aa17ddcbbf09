using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;

namespace EcCrm.Core.Alerts;

/// <summary>
/// Turns a journey's <see cref="AlertShop"/> into a queued <see cref="ShopAlert"/>, with the customer's address and name
/// and the survey answer's comment as they are now, so the shop can act on it. Enqueueing twice (an activity run again)
/// queues the same alert id twice: the shop's endpoint is told to treat the id as the delivery's identity.
/// </summary>
public sealed class ShopAlerts(IProfileStore profiles, ISurveyAnswerStore answers, IShopAlertQueue queue, TimeProvider time)
{
    public async Task RaiseAsync(EnrollmentContext enrollment, AlertShop alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(alert);
        var profile = (await profiles.GetAsync(enrollment.Customer, cancellationToken).ConfigureAwait(false))?.Value;
        var answer = alert.SurveyKey is { } key ? (await answers.GetAsync(enrollment.Customer, key, cancellationToken).ConfigureAwait(false))?.Answer : null;
        await queue.EnqueueAsync(
            new ShopAlert
            {
                AlertId = alert.IdempotencyKey,
                JourneyId = enrollment.JourneyId,
                EnrollmentId = enrollment.EnrollmentId,
                Customer = enrollment.Customer,
                Email = profile?.Email,
                Name = profile?.FullName,
                Survey = alert.Survey,
                Answer = answer?.Answer ?? alert.Answer,
                Comment = answer?.Comment,
                At = time.GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);
    }
}
