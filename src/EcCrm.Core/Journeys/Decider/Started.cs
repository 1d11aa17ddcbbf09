namespace EcCrm.Core.Journeys.Decider;

/// <summary>The enrollment begins: its id and group come from entry evaluation, the profile from the store.</summary>
public sealed record Started(string EnrollmentId, EnrollmentGroup Group, JourneyProfile Profile) : JourneyInput;
