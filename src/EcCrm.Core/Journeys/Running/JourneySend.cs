using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>One <see cref="SendEmail"/> effect with what the mailer needs around it.</summary>
public sealed record JourneySend(string EnrollmentId, string JourneyId, int JourneyVersion, CustomerKey Customer, SendEmail Effect, SendRules Policy);
