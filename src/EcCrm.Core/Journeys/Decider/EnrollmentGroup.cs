namespace EcCrm.Core.Journeys.Decider;

public enum EnrollmentGroup
{
    Treatment,

    /// <summary>Receives nothing; its conversions are the baseline for the journey's uplift.</summary>
    Holdout,
}
