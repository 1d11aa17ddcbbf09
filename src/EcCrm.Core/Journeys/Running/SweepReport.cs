namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// What one sweep did for one journey: the dates it read (none for a segment trigger), the customers it found due and what
/// became of them, and how many running enrollments it told of a new segment.
/// </summary>
public sealed record SweepReport(string JourneyId, DateOnly? From, DateOnly? Through, int Candidates, int Enrolled, int Skipped, int Stale)
{
    public int ProfilesChanged { get; init; }
}
