using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Entry;

/// <summary>
/// Enter as enrollment <see cref="EnrollmentId"/> (<c>{journeyId}:{customerKey}:{cycle}</c>, so a second attempt for the
/// same cycle is recognised) in <see cref="Group"/>.
/// </summary>
public sealed record EnterJourney(string EnrollmentId, int Cycle, EnrollmentGroup Group) : EntryDecision;
