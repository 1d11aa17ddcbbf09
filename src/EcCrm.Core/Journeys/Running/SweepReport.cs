namespace EcCrm.Core.Journeys.Running;

/// <summary>What one sweep did for one journey.</summary>
public sealed record SweepReport(string JourneyId, DateOnly? From, DateOnly? Through, int Candidates, int Enrolled, int Skipped, int Stale);
