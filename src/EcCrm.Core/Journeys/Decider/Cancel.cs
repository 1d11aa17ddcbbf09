namespace EcCrm.Core.Journeys.Decider;

/// <summary>Someone stopped this enrollment (an operator, a deleted customer).</summary>
public sealed record Cancel(string Reason) : JourneyInput;
