namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// A send and the effects the decider asked for before it (a coupon the e-mail shows, analytics events), which are
/// carried out first. One request is one activity of a durable run.
/// </summary>
public sealed record JourneySendRequest(IReadOnlyList<EnrollmentEffect> Before, JourneySend Send);
