namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// A send and the effects the decider asked for before it (a coupon the e-mail shows, analytics events), which are
/// carried out first. One request is one activity of a durable run;
/// <paramref name="TraceParent"/> is the trace of the input that led to the send, so the activity's span joins it.
/// </summary>
public sealed record JourneySendRequest(IReadOnlyList<EnrollmentEffect> Before, JourneySend Send, string? TraceParent = null);
